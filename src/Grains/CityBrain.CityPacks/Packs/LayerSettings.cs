namespace CityBrain.Packs;

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
