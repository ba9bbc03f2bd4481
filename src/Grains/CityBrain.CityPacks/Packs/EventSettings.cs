namespace CityBrain.Packs;

public sealed class EventSettings
{
    /// <summary>CRS of events that name none and whose source is not in <see cref="SourceCrs"/>. Default <c>wgs84</c>.</summary>
    public string? DefaultCrs { get; set; }

    /// <summary>CRS per CloudEvents <c>source</c>, for systems that send GCJ-02 or BD-09 without saying so.</summary>
    public Dictionary<string, string>? SourceCrs { get; set; }
}
