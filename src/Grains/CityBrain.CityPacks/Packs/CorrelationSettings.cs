namespace CityBrain.Packs;

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
