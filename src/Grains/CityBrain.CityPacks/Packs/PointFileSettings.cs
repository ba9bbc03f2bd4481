namespace CityBrain.Packs;

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
