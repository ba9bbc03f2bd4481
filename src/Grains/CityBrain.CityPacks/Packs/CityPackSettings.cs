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
