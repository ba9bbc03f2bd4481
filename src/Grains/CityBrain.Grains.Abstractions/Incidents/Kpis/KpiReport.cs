namespace CityBrain.Incidents.Kpis;

/// <summary>The closed loop's yardsticks over a set of cases, as of <see cref="At"/>.</summary>
/// <param name="Query">The query the report answers.</param>
/// <param name="At">The time running SLA clocks were judged against.</param>
/// <param name="Total">The figures of every case the query covers.</param>
/// <param name="Groups">The breakdown asked for, ordered by key (ordinal; the null key, e.g. no department, last).</param>
[GenerateSerializer, Immutable, Alias("cb.KpiReport")]
public sealed record KpiReport(
    [property: Id(0)] KpiQuery Query,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] KpiFigures Total,
    [property: Id(3)] KpiGroup[] Groups);
