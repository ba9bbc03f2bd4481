using CityBrain.Geo;

namespace CityBrain.Cells;

/// <summary>
/// An open incident as a correlation candidate: what a cell needs to decide whether a new observation belongs to it.
/// </summary>
/// <param name="OwnerCell">Key of the cell that opened it.</param>
[GenerateSerializer, Immutable, Alias("cb.CellIncident")]
public sealed record CellIncident(
    [property: Id(0)] string Id,
    [property: Id(1)] string Category,
    [property: Id(2)] GeoPoint Location,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset LastEvidenceAt,
    [property: Id(5)] string OwnerCell);
