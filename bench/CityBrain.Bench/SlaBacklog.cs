namespace CityBrain.Bench;

/// <summary>What the read model says about clocks still to fire, at the database's own time.</summary>
/// <param name="Open">Open incidents.</param>
/// <param name="ThresholdAhead">Open incidents whose next threshold is still in the future.</param>
/// <param name="Overdue">Open incidents with a clock past its deadline.</param>
/// <param name="DueNotFired">Open incidents whose next threshold is due and has not fired yet.</param>
/// <param name="DueNotFiredPastLimit">Of those, the ones due longer ago than the lateness limit: already too late.</param>
/// <param name="OldestDueNotFired">The earliest due time not fired yet; null when none is.</param>
/// <param name="NextDue">The earliest due time still ahead; null when none is.</param>
/// <param name="DatabaseNow">When the figures were read.</param>
public sealed record SlaBacklog(
    long Open, long ThresholdAhead, long Overdue, long DueNotFired, long DueNotFiredPastLimit,
    DateTimeOffset? OldestDueNotFired, DateTimeOffset? NextDue, DateTimeOffset DatabaseNow);
