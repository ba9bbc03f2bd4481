namespace CityBrain.Packs;

public sealed class ReportCorrelationSettings
{
    /// <summary>A report this close (inclusive) to an open incident of its own or a joined category joins it, however long it has been open.</summary>
    public double RadiusMeters { get; set; }

    /// <summary>Per report category, the incident categories it may also join (a hotline's "illegal parking" → a camera's <c>illegal_parking</c>).</summary>
    public Dictionary<string, string[]>? Joins { get; set; }
}
