using CityBrain.Events;
using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents.Lifecycle;

/// <summary>
/// The rules of one case step on an incident's state: the closed loop (<see cref="CaseLifecycle"/>), the
/// departments' tasks, evaluation, who ended the case and the time a suspension holds the SLA clocks. Pure: no I/O, the time is passed in. On success the
/// state is changed and the step returned; on refusal the state is untouched and the refusal returned.
/// </summary>
public static class CaseSteps
{
    public static CaseActResult? TryApply(IncidentState state, CaseCommand command, DateTimeOffset now, out CaseStep? step)
    {
        step = null;
        if (command.Action is CaseAction.Merge or CaseAction.Split)
        {
            throw new ArgumentException($"{command.Action} moves evidence between incidents: check it with {nameof(Check)} and let the incident grain carry it out", nameof(command));
        }

        if (Check(state, command) is { } refused) return refused;
        var summary = state.Summary!;
        var allowed = CaseLifecycle.AllowedActions(summary);
        var transition = CaseLifecycle.Apply(summary.Stage, state.SuspendedFrom, command.Action);
        string? detail = command.Reason?.Trim();
        switch (command.Action)
        {
            case CaseAction.Dispatch:
                {
                    var refusal = Dispatch(state, command, now, allowed, out detail);
                    if (refusal is not null) return refusal;
                    break;
                }

            case CaseAction.StartWork or CaseAction.CompleteTask:
                {
                    var refusal = MoveTask(state, command, now, allowed, out detail);
                    if (refusal is not null) return refusal;
                    break;
                }

            case CaseAction.SubmitForVerification when state.Tasks.Find(t => t.State != TaskState.Done) is not null:
                return Refuse(state, CaseActStatus.NotAllowed, allowed, null,
                    $"incident '{summary.Id}' has tasks not done: {string.Join(", ", state.Tasks.Where(t => t.State != TaskState.Done).Select(t => $"{t.Department} ({t.State})"))}");

            case CaseAction.Evaluate:
                if (command.Score is not (>= Evaluation.MinScore and <= Evaluation.MaxScore))
                {
                    return Refuse(state, CaseActStatus.Invalid, allowed, "score", $"required: a satisfaction score from {Evaluation.MinScore} to {Evaluation.MaxScore}");
                }

                state.Evaluation = new Evaluation(command.Score.Value, detail, command.Actor.Trim(), now);
                detail = detail is null ? $"score {command.Score}" : $"score {command.Score}: {detail}";
                break;

            case CaseAction.Return:
                // The department hands the whole case back: dispatch starts over, possibly to someone else.
                state.Tasks.Clear();
                break;

            case CaseAction.FailVerification:
                // The problem is still there: every department's task is open again until it says it is done.
                for (var i = 0; i < state.Tasks.Count; i++) state.Tasks[i] = state.Tasks[i] with { State = TaskState.InProgress, UpdatedAt = now };
                break;

            case CaseAction.Reopen:
                for (var i = 0; i < state.Tasks.Count; i++) state.Tasks[i] = state.Tasks[i] with { State = TaskState.Dispatched, UpdatedAt = now };
                state.Evaluation = null;
                state.Resolution = null;
                break;

            case CaseAction.Suspend:
                state.SuspendedAt = now;
                break;

            case CaseAction.Resume:
                // Time suspended does not count against the SLA.
                if (state.SuspendedAt is { } suspendedAt) SlaClocks.Resume(state.Clocks, suspendedAt, now);
                state.SuspendedAt = null;
                break;

            case CaseAction.PassVerification or CaseAction.Reject:
                state.Resolution = new Resolution(command.Actor.Trim(), detail, now);
                break;
        }

        var ended = CaseLifecycle.IsEnded(transition.Stage);
        step = new CaseStep(AuditKind(command.Action), detail, summary.Stage, summary.Status);
        state.SuspendedFrom = transition.SuspendedFrom;
        state.CaseVersion++;
        state.Summary = summary with
        {
            Stage = transition.Stage,
            Status = ended ? IncidentStatus.Resolved : IncidentStatus.Open,
            ClosedAt = ended ? summary.ClosedAt ?? now : null,
            Department = state.Tasks.Count > 0 ? state.Tasks[0].Department : summary.Department,
            Escalation = command.Action == CaseAction.Escalate ? Math.Min(summary.Escalation + 1, IncidentSummary.EscalatedToCity) : summary.Escalation,
        };
        return null;
    }

    /// <summary>
    /// What every action must pass: the incident not merged away, the expected version, who acts in what role, a
    /// reason where the loop needs one, and the stage allowing it. Null when it passes.
    /// </summary>
    public static CaseActResult? Check(IncidentState state, CaseCommand command)
    {
        var summary = state.Summary!;
        if (summary.Status == IncidentStatus.Merged)
        {
            return Refuse(state, CaseActStatus.NotAllowed, [], null, $"incident '{summary.Id}' was merged into '{summary.MergedInto}'; act on that incident");
        }

        var allowed = CaseLifecycle.AllowedActions(summary);
        if (command.ExpectedCaseVersion is { } expected && expected != state.CaseVersion)
        {
            return Refuse(state, CaseActStatus.VersionConflict, allowed, null,
                $"incident '{summary.Id}' changed since case version {expected}: it is now at version {state.CaseVersion}, stage {summary.Stage}");
        }

        if (string.IsNullOrWhiteSpace(command.Actor)) return Refuse(state, CaseActStatus.Invalid, allowed, "actor", "required: who acts");
        if (string.IsNullOrWhiteSpace(command.Role)) return Refuse(state, CaseActStatus.Invalid, allowed, "role", "required: in what capacity (operator, department, …)");
        if (CaseLifecycle.NeedsReason(command.Action) && string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refuse(state, CaseActStatus.Invalid, allowed, "reason", $"required: {command.Action} must say why");
        }

        if (!CaseLifecycle.Apply(summary.Stage, state.SuspendedFrom, command.Action).Allowed)
        {
            return Refuse(state, CaseActStatus.NotAllowed, allowed, null,
                $"incident '{summary.Id}' is {summary.Stage}: {command.Action} is not allowed; allowed: {string.Join(", ", allowed)}");
        }

        return command.Action switch
        {
            CaseAction.Merge when string.IsNullOrWhiteSpace(command.Into) => Refuse(state, CaseActStatus.Invalid, allowed, "into", "required: the open incident this one duplicates"),
            CaseAction.Merge when command.Into.Trim() == summary.Id => Refuse(state, CaseActStatus.Invalid, allowed, "into", "an incident is not merged into itself"),
            CaseAction.Split => CheckSplit(state, command, allowed),
            _ => null,
        };
    }

    /// <summary>The refusal of a merge target, or null when <paramref name="target"/> can take this incident.</summary>
    public static CaseActResult? CheckMergeTarget(IncidentState state, string into, IncidentSummary? target)
    {
        var problem = target switch
        {
            null => $"there is no incident '{into}'",
            { Status: IncidentStatus.Merged, MergedInto: var survivor } => $"'{into}' was itself merged into '{survivor}'; merge into that one",
            { Status: not IncidentStatus.Open } => $"'{into}' is {target.Stage}: a case is merged only into an open one",
            _ => null,
        };
        return problem is null ? null : Refuse(state, CaseActStatus.Invalid, CaseLifecycle.AllowedActions(state.Summary!), "into", problem);
    }

    /// <summary>Take split-off evidence out of the case: counts, points and kinds follow, and the severity they give.</summary>
    public static void TakeEvidence(IncidentState state, IReadOnlySet<EventKey> keys)
    {
        var taken = state.Evidence.RemoveAll(e => keys.Contains(e.Key));
        state.RecountIndependence();
        var summary = state.Summary!;
        state.Summary = summary with
        {
            EvidenceCount = summary.EvidenceCount - taken,
            LastEvidenceAt = state.Evidence.Max(e => e.ObservedAt),
            Severity = SeverityRules.Of(state.BaseSeverity, state.Points.Count, state.Kinds.Count),
        };
        state.CaseVersion++;
    }

    private static CaseActResult? CheckSplit(IncidentState state, CaseCommand command, CaseAction[] allowed)
    {
        if (command.Evidence is not { Length: > 0 } keys) return Refuse(state, CaseActStatus.Invalid, allowed, "evidence", "required: the events to split off");
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == state.Evidence[0].Key)
            {
                return Refuse(state, CaseActStatus.Invalid, allowed, $"evidence[{i}]", $"{keys[i]} opened this incident and stays with it; split the others off, or merge");
            }

            if (!state.Evidence.Exists(e => e.Key == keys[i]))
            {
                return Refuse(state, CaseActStatus.Invalid, allowed, $"evidence[{i}]", $"{keys[i]} is not among this incident's evidence");
            }
        }

        return command.Category is { } category && string.IsNullOrWhiteSpace(category) ? Refuse(state, CaseActStatus.Invalid, allowed, "category", "empty: leave it out to keep this incident's category") : null;
    }

    public static string AuditKind(CaseAction action) => action switch
    {
        CaseAction.Accept => "accepted",
        CaseAction.Reject => "rejected",
        CaseAction.Dispatch => "dispatched",
        CaseAction.Return => "returned",
        CaseAction.StartWork => "work_started",
        CaseAction.CompleteTask => "task_completed",
        CaseAction.Merge => "merged",
        CaseAction.Split => "split",
        CaseAction.SubmitForVerification => "submitted_for_verification",
        CaseAction.PassVerification => "verified",
        CaseAction.FailVerification => "verification_failed",
        CaseAction.Evaluate => "evaluated",
        CaseAction.Reopen => "reopened",
        CaseAction.Escalate => "escalated",
        CaseAction.Suspend => "suspended",
        CaseAction.Resume => "resumed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a case action"),
    };

    private static CaseActResult? Dispatch(IncidentState state, CaseCommand command, DateTimeOffset now, CaseAction[] allowed, out string? detail)
    {
        detail = null;
        var routing = state.Routing;
        var lead = command.Department?.Trim() ?? routing?.Lead;
        if (string.IsNullOrEmpty(lead))
        {
            return Refuse(state, CaseActStatus.Invalid, allowed, "department", $"required: the routing table has no department for category '{state.Summary!.Category}'");
        }

        // Naming the lead overrides the routing table, so its assisting departments are not assumed either.
        var assisting = command.Assisting?.Select(a => a.Trim()).ToArray() ?? (command.Department is null ? routing?.Assisting ?? [] : []);
        if (assisting.Any(string.IsNullOrEmpty)) return Refuse(state, CaseActStatus.Invalid, allowed, "assisting", "a department code is empty");
        if (assisting.Contains(lead) || assisting.Distinct(StringComparer.Ordinal).Count() != assisting.Length)
        {
            return Refuse(state, CaseActStatus.Invalid, allowed, "assisting", "each department may have one task only: the lead is not also assisting, and none is listed twice");
        }

        state.Tasks.Clear();
        state.Tasks.Add(new CaseTask(lead, TaskRole.Lead, TaskState.Dispatched, now));
        foreach (var department in assisting) state.Tasks.Add(new CaseTask(department, TaskRole.Assisting, TaskState.Dispatched, now));
        var who = assisting.Length == 0 ? $"lead {lead}" : $"lead {lead}; assisting {string.Join(", ", assisting)}";
        detail = command.Reason is { Length: > 0 } reason ? $"{who}: {reason.Trim()}" : who;
        return null;
    }

    private static CaseActResult? MoveTask(IncidentState state, CaseCommand command, DateTimeOffset now, CaseAction[] allowed, out string? detail)
    {
        detail = null;
        var (from, to) = command.Action == CaseAction.StartWork ? (TaskState.Dispatched, TaskState.InProgress) : (TaskState.InProgress, TaskState.Done);
        int index;
        if (command.Department is { } named)
        {
            index = state.Tasks.FindIndex(t => t.Department == named.Trim());
            if (index < 0)
            {
                return Refuse(state, CaseActStatus.Invalid, allowed, "department", $"'{named}' has no task in this case; tasks: {string.Join(", ", state.Tasks.Select(t => t.Department))}");
            }
        }
        else if (state.Tasks.Count == 1)
        {
            index = 0;
        }
        else
        {
            return Refuse(state, CaseActStatus.Invalid, allowed, "department", $"required: the case has {state.Tasks.Count} tasks ({string.Join(", ", state.Tasks.Select(t => t.Department))}); say whose");
        }

        var task = state.Tasks[index];
        if (task.State != from)
        {
            return Refuse(state, CaseActStatus.NotAllowed, allowed, null, $"the task of {task.Department} is {task.State}; {command.Action} needs it {from}");
        }

        state.Tasks[index] = task with { State = to, UpdatedAt = now };
        detail = command.Reason is { Length: > 0 } reason ? $"{task.Department}: {reason.Trim()}" : task.Department;
        return null;
    }

    private static CaseActResult Refuse(IncidentState state, CaseActStatus status, CaseAction[] allowed, string? field, string problem) =>
        new(status, state.Summary, state.CaseVersion, allowed, field, problem);
}
