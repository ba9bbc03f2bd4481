using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest.Demo;

/// <summary>Demo feed settings (configuration section <c>Demo</c>).</summary>
public sealed class DemoFeedOptions
{
    public const string Section = "Demo";

    /// <summary>Publish a live synthetic feed for the city pack's registered points.</summary>
    public bool Enabled { get; set; } = true;

    [Range(0.1, 100_000)]
    public double EventsPerSecond { get; set; } = 10;

    /// <summary>CloudEvents <c>source</c> of the demo events; they are published to <c>city/{Source}/events</c>.</summary>
    [Required]
    public string Source { get; set; } = "demo";

    /// <summary>Seed of the generator, so a demo run can be repeated.</summary>
    public int Seed { get; set; } = 2026;
}
