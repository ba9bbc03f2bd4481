namespace CityBrain.Packs;

public sealed class CorrelationRuleSettings
{
    /// <summary>A new report within this distance (inclusive) of an open incident's first evidence may join it.</summary>
    public double RadiusMeters { get; set; }

    /// <summary>…if it is at most this long (inclusive) before the incident opened or after its latest evidence.</summary>
    public double WindowMinutes { get; set; }
}
