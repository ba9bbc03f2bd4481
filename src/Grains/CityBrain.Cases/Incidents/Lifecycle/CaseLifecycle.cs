using System.Collections.Frozen;

namespace CityBrain.Incidents.Lifecycle;

/// <summary>
/// The closed loop as a pure state machine: 发现 → 立案 → 派遣 → 处置 → 核查 → 结案 → 评价, with rejection, return
/// to dispatch, failed verification, reopening, escalation and suspension. No I/O, no clock: the incident grain
/// asks it, audits the answer and stores the stage.
/// </summary>
public static class CaseLifecycle
{
    private static readonly FrozenDictionary<(CaseStage, CaseAction), CaseStage> Moves = new Dictionary<(CaseStage, CaseAction), CaseStage>
    {
        [(CaseStage.Detected, CaseAction.Accept)] = CaseStage.Accepted,
        [(CaseStage.Detected, CaseAction.Reject)] = CaseStage.Rejected,
        [(CaseStage.Accepted, CaseAction.Dispatch)] = CaseStage.Dispatched,
        [(CaseStage.Dispatched, CaseAction.Return)] = CaseStage.Accepted,
        [(CaseStage.Dispatched, CaseAction.StartWork)] = CaseStage.InProgress,
        [(CaseStage.InProgress, CaseAction.StartWork)] = CaseStage.InProgress,
        [(CaseStage.InProgress, CaseAction.CompleteTask)] = CaseStage.InProgress,
        [(CaseStage.InProgress, CaseAction.Return)] = CaseStage.Accepted,
        [(CaseStage.InProgress, CaseAction.SubmitForVerification)] = CaseStage.Verification,
        [(CaseStage.Verification, CaseAction.PassVerification)] = CaseStage.Closed,
        [(CaseStage.Verification, CaseAction.FailVerification)] = CaseStage.InProgress,
        [(CaseStage.Closed, CaseAction.Evaluate)] = CaseStage.Evaluated,
        [(CaseStage.Closed, CaseAction.Reopen)] = CaseStage.Dispatched,
        [(CaseStage.Evaluated, CaseAction.Reopen)] = CaseStage.Dispatched,
    }.ToFrozenDictionary();

    /// <summary>Stages in which the case is still being worked on: it can be escalated, suspended, merged or split.</summary>
    private static readonly FrozenSet<CaseStage> Active = new[] { CaseStage.Detected, CaseStage.Accepted, CaseStage.Dispatched, CaseStage.InProgress, CaseStage.Verification }.ToFrozenSet();

    private static readonly FrozenSet<CaseAction> ReasonRequired = new[]
    {
        CaseAction.Reject, CaseAction.Return, CaseAction.PassVerification, CaseAction.FailVerification, CaseAction.Reopen, CaseAction.Escalate, CaseAction.Suspend,
        CaseAction.Merge, CaseAction.Split,
    }.ToFrozenSet();

    /// <summary>
    /// Actions that must say why: a refusal, a hand-back, a verification (the note is the evidence that the problem
    /// is gone), a reopen, a manual escalation, a suspension (the SLA clocks stop, so the reason is audited), and an
    /// operator's merge or split (they undo or redo what correlation decided).
    /// </summary>
    public static bool NeedsReason(CaseAction action) => ReasonRequired.Contains(action);

    /// <summary>Whether the case is finished with (closed, evaluated or rejected); a reopen can still follow a close.</summary>
    public static bool IsEnded(CaseStage stage) => stage is CaseStage.Closed or CaseStage.Evaluated or CaseStage.Rejected;

    /// <summary>What may be done to the incident now: nothing once merged, else what its stage allows.</summary>
    public static CaseAction[] AllowedActions(IncidentSummary summary) =>
        summary.Status == IncidentStatus.Merged ? [] : [.. AllowedActions(summary.Stage)];

    public static IReadOnlyList<CaseAction> AllowedActions(CaseStage stage)
    {
        if (stage == CaseStage.Suspended) return [CaseAction.Resume];
        var actions = Moves.Keys.Where(k => k.Item1 == stage).Select(k => k.Item2).ToList();
        if (Active.Contains(stage)) actions.AddRange([CaseAction.Escalate, CaseAction.Suspend, CaseAction.Merge, CaseAction.Split]);
        actions.Sort();
        return actions;
    }

    /// <param name="stage">The case's stage now.</param>
    /// <param name="suspendedFrom">When <paramref name="stage"/> is <see cref="CaseStage.Suspended"/>, the stage it resumes to.</param>
    public static CaseTransition Apply(CaseStage stage, CaseStage? suspendedFrom, CaseAction action)
    {
        var allowed = AllowedActions(stage);
        if (!allowed.Contains(action)) return new CaseTransition(false, stage, suspendedFrom, allowed);
        return action switch
        {
            CaseAction.Escalate or CaseAction.Merge or CaseAction.Split => new CaseTransition(true, stage, null, allowed),
            CaseAction.Suspend => new CaseTransition(true, CaseStage.Suspended, stage, allowed),
            CaseAction.Resume => new CaseTransition(true, suspendedFrom ?? throw new ArgumentException("a suspended case must say which stage it resumes to", nameof(suspendedFrom)), null, allowed),
            _ => new CaseTransition(true, Moves[(stage, action)], null, allowed),
        };
    }
}
