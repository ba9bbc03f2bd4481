namespace CityBrain.Packs;

/// <summary>
/// The <c>citypack.json</c> of a city pack folder. Every file name is relative to the folder; every property
/// name of a data file is given here, so the loader holds no city's names or codes.
/// </summary>
public sealed class CityPackSettings
{
    /// <summary>Display name of the city.</summary>
    public string? Name { get; set; }

    /// <summary>IANA time zone of the city, e.g. <c>Asia/Shanghai</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The root unit (the whole city) that every first-level unit belongs to.</summary>
    public RootSettings? Root { get; set; }

    /// <summary>Region layers, top level first (e.g. district, street, grid).</summary>
    public List<LayerSettings>? Layers { get; set; }

    /// <summary>Point registries: cameras, sensors and other known reporting points.</summary>
    public List<PointFileSettings>? Points { get; set; }

    public EventSettings? Events { get; set; }

    public CorrelationSettings? Correlation { get; set; }

    /// <summary>The routing file (category → departments, grid → worker); see <c>RoutingLoader</c>. Optional.</summary>
    public string? Routing { get; set; }

    /// <summary>The SLA file (deadlines per category and severity); see <c>SlaPolicyLoader</c>. Optional.</summary>
    public string? Sla { get; set; }
}

public sealed class RootSettings
{
    public string? Code { get; set; }

    public string? Name { get; set; }
}

public sealed class LayerSettings
{
    /// <summary>The level's name, e.g. <c>district</c>.</summary>
    public string? Level { get; set; }

    /// <summary>A GeoJSON FeatureCollection of Polygons/MultiPolygons. Either this or <see cref="Generate"/>.</summary>
    public string? File { get; set; }

    /// <summary>CRS of <see cref="File"/>: <c>wgs84</c>, <c>gcj02</c> or <c>bd09</c>.</summary>
    public string? Crs { get; set; }

    /// <summary>Feature property holding the unit's code (a dotted path reaches into nested objects).</summary>
    public string? CodeProperty { get; set; }

    /// <summary>Feature property holding the unit's name; the code is shown when absent.</summary>
    public string? NameProperty { get; set; }

    /// <summary>Feature property holding the parent unit's code; when absent the parent is found spatially.</summary>
    public string? ParentCodeProperty { get; set; }

    /// <summary>Instead of a file: a square grid clipped to the units of the level above.</summary>
    public GridSettings? Generate { get; set; }
}

public sealed class GridSettings
{
    /// <summary>Side of a grid square in metres.</summary>
    public double CellSizeMeters { get; set; }
}

public sealed class PointFileSettings
{
    /// <summary>A JSON file: an array of objects, or an object holding the array at <see cref="ItemsPath"/>.</summary>
    public string? File { get; set; }

    public string? Crs { get; set; }

    /// <summary>Dotted path to the array inside the file; empty when the file is the array.</summary>
    public string? ItemsPath { get; set; }

    public string? IdProperty { get; set; }

    public string? LongitudeProperty { get; set; }

    public string? LatitudeProperty { get; set; }

    public string? NameProperty { get; set; }

    /// <summary>Property holding the point's kind; or set <see cref="Kind"/> for the whole file.</summary>
    public string? KindProperty { get; set; }

    public string? Kind { get; set; }
}

public sealed class EventSettings
{
    /// <summary>CRS of events that name none and whose source is not in <see cref="SourceCrs"/>. Default <c>wgs84</c>.</summary>
    public string? DefaultCrs { get; set; }

    /// <summary>CRS per CloudEvents <c>source</c>, for systems that send GCJ-02 or BD-09 without saying so.</summary>
    public Dictionary<string, string>? SourceCrs { get; set; }
}

public sealed class CorrelationSettings
{
    /// <summary>Side of a spatial cell in metres; must be at least the largest correlation radius.</summary>
    public double CellSizeMeters { get; set; } = 500;

    /// <summary>How far outside every region a location may be and still be assigned to the nearest unit.</summary>
    public double SnapToleranceMeters { get; set; } = 2000;

    public CorrelationRuleSettings? Default { get; set; }

    /// <summary>Rules per category (lower case), overriding <see cref="Default"/>.</summary>
    public Dictionary<string, CorrelationRuleSettings>? Categories { get; set; }

    /// <summary>How citizen reports join open incidents; without it they correlate like any observation.</summary>
    public ReportCorrelationSettings? Reports { get; set; }

    /// <summary>Detection categories that always open incidents by themselves (fire): a scenario that would take one over is refused.</summary>
    public string[]? AlwaysOpen { get; set; }
}

public sealed class ReportCorrelationSettings
{
    /// <summary>A report this close (inclusive) to an open incident of its own or a joined category joins it, however long it has been open.</summary>
    public double RadiusMeters { get; set; }

    /// <summary>Per report category, the incident categories it may also join (a hotline's "illegal parking" → a camera's <c>illegal_parking</c>).</summary>
    public Dictionary<string, string[]>? Joins { get; set; }
}

public sealed class CorrelationRuleSettings
{
    /// <summary>A new report within this distance (inclusive) of an open incident's first evidence may join it.</summary>
    public double RadiusMeters { get; set; }

    /// <summary>…if it is at most this long (inclusive) before the incident opened or after its latest evidence.</summary>
    public double WindowMinutes { get; set; }
}
