namespace CityBrain.Incidents.Kpis;

/// <summary>
/// Which cases a KPI report covers: those detected in [<see cref="From"/>, <see cref="To"/>) inside the region,
/// optionally of one lead department and one category. Merged duplicates never count.
/// </summary>
/// <param name="RegionCode">A region code at any level; the city's root code covers everything.</param>
/// <param name="Department">Only cases with this lead department; null for all.</param>
/// <param name="Category">Only cases of this category; null for all.</param>
/// <param name="From">Inclusive; null for no lower bound.</param>
/// <param name="To">Exclusive; null for no upper bound.</param>
/// <param name="GroupBy">The breakdown besides the total.</param>
[GenerateSerializer, Immutable, Alias("cb.KpiQuery")]
public sealed record KpiQuery(
    [property: Id(0)] string RegionCode,
    [property: Id(1)] string? Department,
    [property: Id(2)] string? Category,
    [property: Id(3)] DateTimeOffset? From,
    [property: Id(4)] DateTimeOffset? To,
    [property: Id(5)] KpiGrouping GroupBy = KpiGrouping.None);
