namespace CityBrain.Incidents.Kpis;

[GenerateSerializer, Immutable, Alias("cb.KpiGroup")]
public sealed record KpiGroup([property: Id(0)] string? Key, [property: Id(1)] KpiFigures Figures);
