using CityBrain.Incidents.Lifecycle;
using static CityBrain.Incidents.Lifecycle.CaseAction;
using static CityBrain.Incidents.Lifecycle.CaseStage;

namespace CityBrain.UnitTests;

public sealed class CaseLifecycleTests
{
    // The closed loop written out by hand: every allowed move and where it leads. Everything else is refused.
    private static readonly Dictionary<(CaseStage, CaseAction), CaseStage> Expected = new()
    {
        [(Detected, Accept)] = Accepted,
        [(Detected, Reject)] = Rejected,
        [(Accepted, Dispatch)] = Dispatched,
        [(Dispatched, Return)] = Accepted,
        [(Dispatched, StartWork)] = InProgress,
        [(InProgress, StartWork)] = InProgress,
        [(InProgress, CompleteTask)] = InProgress,
        [(InProgress, Return)] = Accepted,
        [(InProgress, SubmitForVerification)] = Verification,
        [(Verification, PassVerification)] = Closed,
        [(Verification, FailVerification)] = InProgress,
        [(Closed, Evaluate)] = Evaluated,
        [(Closed, Reopen)] = Dispatched,
        [(Evaluated, Reopen)] = Dispatched,
    };

    private static readonly CaseStage[] WorkedOn = [Detected, Accepted, Dispatched, InProgress, Verification];

    public static TheoryData<CaseStage, CaseAction> EveryPair()
    {
        var data = new TheoryData<CaseStage, CaseAction>();
        foreach (var stage in Enum.GetValues<CaseStage>().Where(s => s != Suspended))
        {
            foreach (var action in Enum.GetValues<CaseAction>()) data.Add(stage, action);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_action_in_every_stage_is_allowed_exactly_as_the_loop_says(CaseStage stage, CaseAction action)
    {
        var result = CaseLifecycle.Apply(stage, null, action);

        if (Expected.TryGetValue((stage, action), out var next))
        {
            Assert.True(result.Allowed);
            Assert.Equal(next, result.Stage);
        }
        else if (action is Escalate or Merge or Split && WorkedOn.Contains(stage))
        {
            Assert.True(result.Allowed);
            Assert.Equal(stage, result.Stage);
        }
        else if (action is Suspend && WorkedOn.Contains(stage))
        {
            Assert.True(result.Allowed);
            Assert.Equal(Suspended, result.Stage);
            Assert.Equal(stage, result.SuspendedFrom);
        }
        else
        {
            Assert.False(result.Allowed);
            Assert.Equal(stage, result.Stage);
            Assert.DoesNotContain(action, result.AllowedActions);
        }
    }

    [Fact]
    public void A_refusal_lists_the_actions_the_stage_allows()
    {
        var refused = CaseLifecycle.Apply(Dispatched, null, PassVerification);

        Assert.False(refused.Allowed);
        Assert.Equal([Return, StartWork, Escalate, Suspend, Merge, Split], refused.AllowedActions);
    }

    [Theory]
    [InlineData(Accepted)]
    [InlineData(InProgress)]
    [InlineData(Verification)]
    public void A_suspended_case_only_resumes_and_resumes_where_it_was(CaseStage before)
    {
        var suspended = CaseLifecycle.Apply(before, null, Suspend);
        var refused = CaseLifecycle.Apply(suspended.Stage, suspended.SuspendedFrom, Dispatch);
        var resumed = CaseLifecycle.Apply(suspended.Stage, suspended.SuspendedFrom, Resume);

        Assert.False(refused.Allowed);
        Assert.Equal([Resume], refused.AllowedActions);
        Assert.True(resumed.Allowed);
        Assert.Equal(before, resumed.Stage);
        Assert.Null(resumed.SuspendedFrom);
    }

    [Fact]
    public void The_whole_loop_with_a_return_a_failed_verification_and_a_reopen_ends_evaluated()
    {
        CaseAction[] day = [Accept, Dispatch, Return, Dispatch, StartWork, SubmitForVerification, FailVerification, SubmitForVerification, PassVerification, Reopen, StartWork, SubmitForVerification, PassVerification, Evaluate];
        var stage = Detected;
        foreach (var action in day)
        {
            var step = CaseLifecycle.Apply(stage, null, action);
            Assert.True(step.Allowed, $"{action} refused in {stage}");
            stage = step.Stage;
        }

        Assert.Equal(Evaluated, stage);
        Assert.True(CaseLifecycle.IsEnded(stage));
    }

    [Fact]
    public void Rejected_is_final()
    {
        Assert.Empty(CaseLifecycle.AllowedActions(Rejected));
        Assert.True(CaseLifecycle.IsEnded(Rejected));
    }
}
