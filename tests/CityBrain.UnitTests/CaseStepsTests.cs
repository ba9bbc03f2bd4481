using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Routing;

namespace CityBrain.UnitTests;

public sealed class CaseStepsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static IncidentState NewCase(RoutingDecision? routing = null) => new()
    {
        Summary = new IncidentSummary("inc-1", "smoke_fire", IncidentStatus.Open, new GeoPoint(10, 50), new RegionPath(["T", "B"]), T0, T0, 1, Department: routing?.Lead),
        Routing = routing,
        CaseVersion = 1,
    };

    private static readonly RoutingDecision FireWithTwoAssisting = new("v1", "FIRE", ["POL", "WATER"], "B-G1", "worker-b1");

    private static CaseActResult? Do(IncidentState state, CaseAction action, string? department = null, string? reason = "because", int? score = null, long? expected = null) =>
        CaseSteps.TryApply(state, new CaseCommand(action, "actor-1", "operator", reason, expected, department, null, score), T0.AddMinutes(state.CaseVersion), out _);

    private static void Done(IncidentState state, CaseAction action, string? department = null, int? score = null) =>
        Assert.Null(Do(state, action, department, score: score));

    [Fact]
    public void Dispatch_gives_the_routed_lead_and_each_assisting_department_a_task()
    {
        var state = NewCase(FireWithTwoAssisting);
        Done(state, CaseAction.Accept);
        Done(state, CaseAction.Dispatch);

        Assert.Equal([("FIRE", TaskRole.Lead), ("POL", TaskRole.Assisting), ("WATER", TaskRole.Assisting)], state.Tasks.Select(t => (t.Department, t.Role)));
        Assert.All(state.Tasks, t => Assert.Equal(TaskState.Dispatched, t.State));
        Assert.Equal(CaseStage.Dispatched, state.Summary!.Stage);
        Assert.Equal("FIRE", state.Summary.Department);
    }

    [Fact]
    public void A_case_with_a_lead_and_two_assisting_departments_goes_to_verification_only_when_all_three_are_done()
    {
        var state = NewCase(FireWithTwoAssisting);
        Done(state, CaseAction.Accept);
        Done(state, CaseAction.Dispatch);
        foreach (var department in new[] { "FIRE", "POL", "WATER" }) Done(state, CaseAction.StartWork, department);
        Done(state, CaseAction.CompleteTask, "FIRE");
        Done(state, CaseAction.CompleteTask, "WATER");

        var early = Do(state, CaseAction.SubmitForVerification);
        Done(state, CaseAction.CompleteTask, "POL");
        Done(state, CaseAction.SubmitForVerification);
        Done(state, CaseAction.PassVerification);

        Assert.Equal(CaseActStatus.NotAllowed, early!.Status);
        Assert.Contains("POL (InProgress)", early.Problem);
        Assert.Equal(CaseStage.Closed, state.Summary!.Stage);
        Assert.Equal(IncidentStatus.Resolved, state.Summary.Status);
        Assert.NotNull(state.Summary.ClosedAt);
    }

    [Fact]
    public void With_several_tasks_a_task_action_must_name_the_department_and_a_known_one()
    {
        var state = NewCase(FireWithTwoAssisting);
        Done(state, CaseAction.Accept);
        Done(state, CaseAction.Dispatch);

        var unnamed = Do(state, CaseAction.StartWork);
        var unknown = Do(state, CaseAction.StartWork, "PARKS");
        Done(state, CaseAction.StartWork, "POL");
        var twice = Do(state, CaseAction.StartWork, "POL");

        Assert.Equal(("department", CaseActStatus.Invalid), (unnamed!.Field, unnamed.Status));
        Assert.Equal(("department", CaseActStatus.Invalid), (unknown!.Field, unknown.Status));
        Assert.Contains("FIRE, POL, WATER", unknown.Problem);
        Assert.Equal(CaseActStatus.NotAllowed, twice!.Status);
    }

    [Fact]
    public void Dispatch_without_a_routed_department_must_name_one_and_a_named_lead_brings_no_routed_assisting()
    {
        var unrouted = NewCase();
        Done(unrouted, CaseAction.Accept);
        var refused = Do(unrouted, CaseAction.Dispatch);
        var routed = NewCase(FireWithTwoAssisting);
        Done(routed, CaseAction.Accept);
        Done(routed, CaseAction.Dispatch, "POL");

        Assert.Equal(("department", CaseActStatus.Invalid), (refused!.Field, refused.Status));
        Assert.Equal("POL", Assert.Single(routed.Tasks).Department);
    }

    [Fact]
    public void A_stale_expected_version_is_refused_and_changes_nothing()
    {
        var state = NewCase();
        Done(state, CaseAction.Accept);

        var stale = Do(state, CaseAction.Dispatch, "CITY", expected: 1);

        Assert.Equal(CaseActStatus.VersionConflict, stale!.Status);
        Assert.Equal(2, stale.CaseVersion);
        Assert.Equal(CaseStage.Accepted, state.Summary!.Stage);
        Assert.Empty(state.Tasks);
    }

    [Theory]
    [InlineData(CaseAction.Reject)]
    [InlineData(CaseAction.Suspend)]
    [InlineData(CaseAction.Escalate)]
    public void Actions_that_must_say_why_are_refused_without_a_reason(CaseAction action)
    {
        var state = NewCase();
        var refused = Do(state, action, reason: " ");
        Assert.Equal(("reason", CaseActStatus.Invalid), (refused!.Field, refused.Status));
        Assert.Equal(1, state.CaseVersion);
    }

    [Fact]
    public void Failed_verification_reopens_every_task_and_reopen_after_evaluation_clears_the_score()
    {
        var state = NewCase(new RoutingDecision("v1", "CITY", [], null, null));
        foreach (var action in new[] { CaseAction.Accept, CaseAction.Dispatch, CaseAction.StartWork, CaseAction.CompleteTask, CaseAction.SubmitForVerification, CaseAction.FailVerification }) Done(state, action);
        Assert.Equal(TaskState.InProgress, Assert.Single(state.Tasks).State);
        Assert.Equal(CaseActStatus.NotAllowed, Do(state, CaseAction.SubmitForVerification)!.Status);

        foreach (var action in new[] { CaseAction.CompleteTask, CaseAction.SubmitForVerification, CaseAction.PassVerification }) Done(state, action);
        Assert.Equal(CaseActStatus.Invalid, Do(state, CaseAction.Evaluate, score: 6)!.Status);
        Done(state, CaseAction.Evaluate, score: 2);
        Assert.False(state.Evaluation!.Satisfied);
        Done(state, CaseAction.Reopen);

        Assert.Null(state.Evaluation);
        Assert.Null(state.Summary!.ClosedAt);
        Assert.Equal((CaseStage.Dispatched, IncidentStatus.Open), (state.Summary.Stage, state.Summary.Status));
        Assert.Equal(TaskState.Dispatched, Assert.Single(state.Tasks).State);
    }

    [Fact]
    public void A_merged_incident_allows_nothing_and_says_where_it_went()
    {
        var state = NewCase();
        state.Summary = state.Summary! with { Status = IncidentStatus.Merged, MergedInto = "inc-2" };

        var refused = Do(state, CaseAction.Accept);

        Assert.Equal(CaseActStatus.NotAllowed, refused!.Status);
        Assert.Empty(refused.AllowedActions);
        Assert.Contains("inc-2", refused.Problem);
    }
}
