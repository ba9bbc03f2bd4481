using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Spatial;

/// <summary>A camera, sensor or other point from a city pack's registry; location in WGS84.</summary>
public sealed record RegisteredPoint(string Id, string Kind, string? Name, GeoPoint Location, RegionPath Regions);
