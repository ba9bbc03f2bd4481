using CityBrain.Geo;

namespace CityBrain.Cells;

/// <summary>
/// An open incident as a correlation candidate: what a cell needs to decide whether a new observation belongs to it.
/// </summary>
/// <param name="Id">The incident id (the incident grain's key, <c>inc-</c> and 16 hex digits).</param>
/// <param name="Category">The normalised category (<see cref="CityBrain.Events.CategoryKey"/>) it was opened for.</param>
/// <param name="Location">Location of its first evidence, WGS84.</param>
/// <param name="OpenedAt">Observation time of its first evidence, UTC.</param>
/// <param name="LastEvidenceAt">Latest observation time among its evidence, UTC.</param>
/// <param name="OwnerCell">Key of the cell that opened it.</param>
[GenerateSerializer, Immutable, Alias("cb.CellIncident")]
public sealed record CellIncident(
    [property: Id(0)] string Id,
    [property: Id(1)] string Category,
    [property: Id(2)] GeoPoint Location,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset LastEvidenceAt,
    [property: Id(5)] string OwnerCell);
