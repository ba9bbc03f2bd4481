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

    public CoordinateSystem EventCrsFor(string source) => SourceCrs.TryGetValue(source, out var crs) ? crs : DefaultEventCrs;
}
