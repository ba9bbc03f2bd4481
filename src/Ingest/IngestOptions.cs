using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest;

/// <summary>Ingest settings (configuration section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Observations handed to the grains in one call, at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Batches in flight to the grains at once.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Observations waiting for a batch, at most; a full queue slows the transports down instead of growing.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>Dead letters kept by the in-memory store.</summary>
    [Range(1, 10_000_000)]
    public int DeadLetterCapacity { get; set; } = 100_000;
}
