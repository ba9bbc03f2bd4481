using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents.Sla;
using CityBrain.Routing;
using CityBrain.Spatial;

namespace CityBrain.Packs;

/// <summary>
/// A loaded city: its region tree and index, point registry, correlation rules and cell grid, all in WGS84.
/// Silo-local and read-only after loading: every grain of a silo shares one instance.
/// </summary>
public sealed class CityPack
{
    public required string Name { get; init; }

    public required string Folder { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public required RegionIndex Regions { get; init; }

    public required IReadOnlyDictionary<string, RegisteredPoint> Points { get; init; }

    /// <summary>What loading the point files gave: entries loaded and the bad ones skipped, with their faults.</summary>
    public PointLoadReport PointReport { get; init; } = PointLoadReport.Empty;

    public required CorrelationRules Correlation { get; init; }

    public required CellGrid Cells { get; init; }

    /// <summary>CRS of events that name none, by CloudEvents source; <see cref="DefaultEventCrs"/> for the rest.</summary>
    public required IReadOnlyDictionary<string, CoordinateSystem> SourceCrs { get; init; }

    public required CoordinateSystem DefaultEventCrs { get; init; }

    /// <summary>Who incidents go to; <see cref="CityRouting.None"/> when the pack has no routing file.</summary>
    public required CityRouting Routing { get; init; }

    /// <summary>Deadlines per category and severity; <see cref="SlaPolicy.None"/> when the pack has no SLA file.</summary>
    public required SlaPolicy Sla { get; init; }

    /// <summary>
    /// The regions of an event that point <paramref name="pointId"/> reported at <paramref name="location"/> (WGS84):
    /// the point's own regions, found when the pack loaded, when the location is exactly the point's registered one
    /// (the same WGS84 coordinates, bit for bit, after conversion: the device sent the coordinates it is registered
    /// with, in the registry's CRS); otherwise the location is looked up afresh. Either way the answer is
    /// <see cref="RegionIndex.Locate"/>'s for the location, since the registered regions are that lookup of the
    /// same coordinates in the same index. Null when the location is outside the city.
    /// </summary>
    /// <remarks>
    /// No tolerance: a location a millimetre away may lie across a border, and looking it up costs a few microseconds,
    /// while a point just outside every polygon pays a snap on every event without this path.
    /// </remarks>
    public RegionPath? RegionsOf(string pointId, GeoPoint location) =>
        Points.TryGetValue(pointId, out var point) && point.Location == location ? point.Regions : Regions.Locate(location)?.Path;

    public CoordinateSystem EventCrsFor(string source) => SourceCrs.TryGetValue(source, out var crs) ? crs : DefaultEventCrs;
}
