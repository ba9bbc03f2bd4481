using CityBrain.Incidents;

namespace CityBrain.Regions;

[GenerateSerializer, Immutable, Alias("cb.IncidentPage")]
public sealed record IncidentPage(
    [property: Id(0)] IncidentSummary[] Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int TotalItems);
