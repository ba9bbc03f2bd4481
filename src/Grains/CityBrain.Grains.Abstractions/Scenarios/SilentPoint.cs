using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>A point that has sent nothing for a silence scenario's time.</summary>
/// <param name="PointId">The point (CloudEvents <c>subject</c>) that fell silent.</param>
/// <param name="Location">Where the point last reported from, WGS84.</param>
/// <param name="Regions">Region codes containing that location, root first.</param>
/// <param name="SilentSince">When it was last heard from (wall clock, UTC), or when it began to be watched.</param>
[GenerateSerializer, Immutable, Alias("cb.SilentPoint")]
public sealed record SilentPoint(
    [property: Id(0)] string PointId,
    [property: Id(1)] GeoPoint Location,
    [property: Id(2)] RegionPath Regions,
    [property: Id(3)] DateTimeOffset SilentSince);
