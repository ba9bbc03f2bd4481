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
    /// How far, in seconds, an event's <c>time</c> may lie ahead of the receiving node's clock (0–86,400); a later
    /// event is refused as a sender's clock or time-zone error, so it cannot sort before everything real.
    /// </summary>
    [Range(0, 86_400)]
    public int MaxFutureSkewSeconds { get; set; } = 300;

    /// <summary>
    /// The earliest event <c>time</c> taken (inclusive); earlier events are refused. An absolute floor, not an age,
    /// so replays of old recorded data (NYC 311 from 2013) still work. Between 1970-01-01 and 2100-01-01 (UTC).
    /// </summary>
    [Range(typeof(DateTimeOffset), "1970-01-01T00:00:00Z", "2100-01-01T00:00:00Z", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public DateTimeOffset EarliestEventTime { get; set; } = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
