namespace CityBrain.Incidents.Kpis;

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
