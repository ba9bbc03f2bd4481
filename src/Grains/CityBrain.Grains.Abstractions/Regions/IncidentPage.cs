using CityBrain.Incidents;

namespace CityBrain.Regions;

/// <summary>One page of a region's incidents.</summary>
/// <param name="Items">The rows of this page, newest opened first; empty past the end.</param>
/// <param name="Page">The 1-based page number asked for.</param>
/// <param name="PageSize">The rows per page asked for.</param>
/// <param name="TotalItems">Rows matching the query across all pages.</param>
[GenerateSerializer, Immutable, Alias("cb.IncidentPage")]
public sealed record IncidentPage(
    [property: Id(0)] IncidentSummary[] Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int TotalItems);
