using CityBrain.Events;

namespace CityBrain.Spatial;

/// <summary>Where a location lies in the region tree.</summary>
/// <param name="Path">Codes from the root down to the deepest unit found.</param>
/// <param name="SnappedMeters">Null when a polygon contains the location; otherwise the distance to the nearest lowest-level unit it was assigned to.</param>
public sealed record RegionLookup(RegionPath Path, double? SnappedMeters);
