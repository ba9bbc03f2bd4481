using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Incidents.Sla;

/// <summary>
/// The SLA clocks of one case as pure rules over its list of clocks: which clocks run in which stage, when the
/// next threshold is due, which thresholds have passed. Clocks run on the wall clock from the moment the
/// platform took the incident in, not from the event's own time, so a replay of old events is not born late.
/// </summary>
public static class SlaClocks
{
    /// <summary>Stopped clocks kept for the record beyond the running ones; the oldest go first.</summary>
    public const int MaxStoppedKept = 16;

    /// <summary>
    /// Start the clocks the stage needs and stop the others. A stage entered again (after a return or a failed
    /// verification) starts a fresh clock. While suspended nothing changes; <see cref="Resume"/> pushes the
    /// running clocks back. A running clock whose policy time shrank (the incident became more severe) takes
    /// the shorter time.
    /// </summary>
    public static void Sync(List<SlaClock> clocks, CaseStage stage, string category, Severity severity, SlaPolicy policy, DateTimeOffset now)
    {
        if (stage == CaseStage.Suspended) return;
        var wanted = Wanted(stage);
        for (var i = 0; i < clocks.Count; i++)
        {
            var clock = clocks[i];
            if (!clock.Running) continue;
            if (!wanted.Contains(clock.Stage))
            {
                clocks[i] = clock with { StoppedAt = now };
            }
            else if (policy.BudgetFor(category, severity, clock.Stage) is { } budget && budget < clock.Budget)
            {
                clocks[i] = clock with { Budget = budget, WarningAfter = budget * policy.WarningFraction };
            }
        }

        foreach (var stageClock in wanted)
        {
            if (clocks.Exists(c => c.Running && c.Stage == stageClock)) continue;
            if (policy.BudgetFor(category, severity, stageClock) is not { } budget) continue;
            clocks.Add(new SlaClock(stageClock, now, budget, budget * policy.WarningFraction, TimeSpan.Zero, SlaLevel.Green, null));
        }

        var stopped = clocks.Count(c => !c.Running);
        for (var i = 0; stopped > MaxStoppedKept && i < clocks.Count;)
        {
            if (clocks[i].Running)
            {
                i++;
                continue;
            }

            clocks.RemoveAt(i);
            stopped--;
        }
    }

    /// <summary>Time suspended does not count: push every running clock back by it.</summary>
    public static void Resume(List<SlaClock> clocks, DateTimeOffset suspendedAt, DateTimeOffset now)
    {
        var paused = now - suspendedAt;
        if (paused <= TimeSpan.Zero) return;
        for (var i = 0; i < clocks.Count; i++)
        {
            if (clocks[i].Running) clocks[i] = clocks[i] with { Paused = clocks[i].Paused + paused };
        }
    }

    /// <summary>
    /// Raise the running clock whose passed threshold is oldest to the highest level it has reached by
    /// <paramref name="now"/> (straight to red if both passed, e.g. while the cluster was down). One at a time,
    /// so each alarm is stored with its own audit entry.
    /// </summary>
    public static bool TryFireNext(List<SlaClock> clocks, DateTimeOffset now, out SlaAlarm? alarm)
    {
        alarm = null;
        var index = -1;
        DateTimeOffset oldest = default;
        for (var i = 0; i < clocks.Count; i++)
        {
            var clock = clocks[i];
            if (!clock.Running || clock.Level == SlaLevel.Red) continue;
            var threshold = clock.Level == SlaLevel.Green ? clock.WarningAt : clock.DeadlineAt;
            if (threshold > now || (index >= 0 && threshold >= oldest)) continue;
            index = i;
            oldest = threshold;
        }

        if (index < 0) return false;
        var due = clocks[index];
        var level = now >= due.DeadlineAt ? SlaLevel.Red : SlaLevel.Yellow;
        clocks[index] = due with { Level = level };
        alarm = new SlaAlarm(due.Stage, level, level == SlaLevel.Red ? due.DeadlineAt : due.WarningAt);
        return true;
    }

    /// <summary>When the next threshold of a running clock is due; null when none is (or the case is suspended).</summary>
    public static DateTimeOffset? NextDueAt(List<SlaClock> clocks, bool suspended)
    {
        if (suspended) return null;
        DateTimeOffset? next = null;
        foreach (var clock in clocks)
        {
            if (!clock.Running || clock.Level == SlaLevel.Red) continue;
            var due = clock.Level == SlaLevel.Green ? clock.WarningAt : clock.DeadlineAt;
            if (next is null || due < next) next = due;
        }

        return next;
    }

    /// <summary>Whether a running clock is past its deadline.</summary>
    public static bool IsOverdue(List<SlaClock> clocks) => clocks.Exists(c => c.Running && c.Level == SlaLevel.Red);

    private static SlaStage[] Wanted(CaseStage stage) => stage switch
    {
        CaseStage.Detected => [SlaStage.Accept, SlaStage.Close],
        CaseStage.Accepted => [SlaStage.Dispatch, SlaStage.Close],
        CaseStage.Dispatched or CaseStage.InProgress => [SlaStage.Handle, SlaStage.Close],
        CaseStage.Verification => [SlaStage.Close],
        _ => [],
    };
}
