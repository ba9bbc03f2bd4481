namespace CityBrain.Scenarios;

/// <summary>Persisted state of <see cref="RegionSilenceGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.RegionSilenceState")]
public sealed class RegionSilenceState
{
    [Id(0)] public Dictionary<string, SilentPoint> Silent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The current outage has fired; reset when the silent points fall below the threshold.</summary>
    [Id(1)] public bool Fired { get; set; }
}
