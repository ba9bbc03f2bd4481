using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Points;

/// <summary>A point registered from its first event because the city pack's registry lacks it.</summary>
[GenerateSerializer, Immutable, Alias("cb.ProvisionalPoint")]
public sealed record ProvisionalPoint(
    [property: Id(0)] string Kind,
    [property: Id(1)] GeoPoint Location,
    [property: Id(2)] RegionPath Regions,
    [property: Id(3)] EventKey FirstEvent,
    [property: Id(4)] DateTimeOffset RegisteredAt);
