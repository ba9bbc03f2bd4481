namespace CityBrain.Incidents.Sla;

/// <summary>
/// One SLA clock of a case. Time spent suspended does not count: it is added to <see cref="Paused"/>, which
/// pushes both thresholds back.
/// </summary>
/// <param name="Stage">What the clock times.</param>
/// <param name="StartedAt">When the clock started (UTC wall clock).</param>
/// <param name="Budget">The time allowed.</param>
/// <param name="WarningAfter">When the yellow warning is due, counted from the start (a fraction of the budget).</param>
/// <param name="Paused">Time spent suspended so far.</param>
/// <param name="Level">The highest threshold that has fired.</param>
/// <param name="StoppedAt">When the stage it times ended; null while running.</param>
[GenerateSerializer, Immutable, Alias("cb.SlaClock")]
public sealed record SlaClock(
    [property: Id(0)] SlaStage Stage,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] TimeSpan Budget,
    [property: Id(3)] TimeSpan WarningAfter,
    [property: Id(4)] TimeSpan Paused,
    [property: Id(5)] SlaLevel Level,
    [property: Id(6)] DateTimeOffset? StoppedAt)
{
    /// <summary>When the yellow warning is due (UTC), pushed back by time suspended.</summary>
    public DateTimeOffset WarningAt => StartedAt + Paused + WarningAfter;

    /// <summary>When the deadline falls (UTC), pushed back by time suspended.</summary>
    public DateTimeOffset DeadlineAt => StartedAt + Paused + Budget;

    /// <summary>Whether the stage it times has not ended yet.</summary>
    public bool Running => StoppedAt is null;

    /// <summary>Whether the stage it timed ended by its deadline; null while running.</summary>
    public bool? MetDeadline => StoppedAt is { } stopped ? stopped <= DeadlineAt : null;
}
