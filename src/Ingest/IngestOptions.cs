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

    /// <summary>
    /// Bytes the in-memory store may hold (payload prefixes and text, roughly), 1 MiB to 16 GiB; past that the oldest
    /// letters are dropped as past <see cref="DeadLetterCapacity"/>.
    /// </summary>
    [Range(1L << 20, 1L << 34)]
    public long DeadLetterStoreBytes { get; set; } = 64L << 20;

    /// <summary>
    /// Raw bytes of a refused message kept in its dead letter (every store, the API and the Kafka dead-letter topic),
    /// 0 to 16 MiB; the letter also records the whole message's size and SHA-256.
    /// </summary>
    [Range(0, 16 << 20)]
    public int DeadLetterPayloadPrefixBytes { get; set; } = 64 << 10;

    /// <summary>
    /// Times a broker message (MQTT, Kafka) is tried before a failure that is not a transient fault of the grains or
    /// storage makes it a dead letter, 1 to 100. Transient faults are retried without limit: see <c>PoisonGuard</c>.
    /// </summary>
    [Range(1, 100)]
    public int PoisonAttempts { get; set; } = 3;

    /// <summary>
    /// Seconds a transport (MQTT subscriber, Kafka consumer, the observation queue) may hold waiting messages without
    /// finishing any before readiness reports it stuck, 5 to 3600.
    /// </summary>
    [Range(5, 3600)]
    public int StuckAfterSeconds { get; set; } = 60;
}
