namespace CityBrain.Incidents.Kpis;

/// <summary>The KPI figures of one group of a report's breakdown.</summary>
/// <param name="Key">The department, category or region code of the group; null for cases without one (e.g. no department).</param>
/// <param name="Figures">The figures of the group's cases.</param>
[GenerateSerializer, Immutable, Alias("cb.KpiGroup")]
public sealed record KpiGroup([property: Id(0)] string? Key, [property: Id(1)] KpiFigures Figures);
