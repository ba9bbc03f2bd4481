namespace CityBrain.Incidents.Kpis;

/// <summary>The closed loop's yardsticks over a set of cases, as of <see cref="At"/>.</summary>
/// <param name="At">The time running SLA clocks were judged against.</param>
/// <param name="Groups">The breakdown asked for, ordered by key (ordinal; the null key, e.g. no department, last).</param>
[GenerateSerializer, Immutable, Alias("cb.KpiReport")]
public sealed record KpiReport(
    [property: Id(0)] KpiQuery Query,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] KpiFigures Total,
    [property: Id(3)] KpiGroup[] Groups);

[GenerateSerializer, Immutable, Alias("cb.KpiGroup")]
public sealed record KpiGroup([property: Id(0)] string? Key, [property: Id(1)] KpiFigures Figures);

/// <summary>
/// Counts and rates over a set of cases. A rate is null when its denominator is zero.
/// </summary>
/// <param name="Incidents">Cases detected in the period (merged duplicates excluded).</param>
/// <param name="Rejected">Refused as false alarms.</param>
/// <param name="Closed">Closed or evaluated now.</param>
/// <param name="Open">Still being worked on (neither rejected nor closed), reopened ones included.</param>
/// <param name="Reopened">Reopened at least once.</param>
/// <param name="Evaluated">Closed with a satisfaction score.</param>
/// <param name="Satisfied">Evaluated with a score of <see cref="Lifecycle.Evaluation.SatisfiedFrom"/> or more.</param>
/// <param name="ClosureRate">办结率: closed ÷ (incidents − rejected).</param>
/// <param name="ReopenRate">Reopened ÷ cases closed at least once (closed now, or reopened since).</param>
/// <param name="SatisfactionRate">满意率: satisfied ÷ evaluated.</param>
/// <param name="MeanScore">Mean satisfaction score of the evaluated cases.</param>
/// <param name="MeanTimeToCloseSeconds">Mean of closed cases' time from detection to closing.</param>
/// <param name="P90TimeToCloseSeconds">90th percentile of the same, interpolated between the nearest ranks (as PostgreSQL's percentile_cont).</param>
/// <param name="OnTime">Per SLA stage, clocks that met their deadline against those that did not.</param>
[GenerateSerializer, Immutable, Alias("cb.KpiFigures")]
public sealed record KpiFigures(
    [property: Id(0)] int Incidents,
    [property: Id(1)] int Rejected,
    [property: Id(2)] int Closed,
    [property: Id(3)] int Open,
    [property: Id(4)] int Reopened,
    [property: Id(5)] int Evaluated,
    [property: Id(6)] int Satisfied,
    [property: Id(7)] double? ClosureRate,
    [property: Id(8)] double? ReopenRate,
    [property: Id(9)] double? SatisfactionRate,
    [property: Id(10)] double? MeanScore,
    [property: Id(11)] double? MeanTimeToCloseSeconds,
    [property: Id(12)] double? P90TimeToCloseSeconds,
    [property: Id(13)] OnTimeByStage OnTime);

/// <summary>On-time figures of the four SLA stages.</summary>
[GenerateSerializer, Immutable, Alias("cb.OnTimeByStage")]
public sealed record OnTimeByStage(
    [property: Id(0)] StageOnTime Accept,
    [property: Id(1)] StageOnTime Dispatch,
    [property: Id(2)] StageOnTime Handle,
    [property: Id(3)] StageOnTime Close);

/// <summary>
/// Clocks of one stage judged so far: <see cref="OnTime"/> stopped by their deadline; <see cref="Late"/> stopped
/// after it, or still running past it. Running clocks not yet due are not judged.
/// </summary>
/// <param name="Rate">OnTime ÷ (OnTime + Late).</param>
[GenerateSerializer, Immutable, Alias("cb.StageOnTime")]
public sealed record StageOnTime([property: Id(0)] int OnTime, [property: Id(1)] int Late, [property: Id(2)] double? Rate);
