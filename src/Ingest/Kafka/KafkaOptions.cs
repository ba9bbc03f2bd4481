using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest.Kafka;

/// <summary>Kafka settings (configuration section <c>Kafka</c>). Off unless <see cref="Enabled"/>.</summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string Section = "Kafka";

    /// <summary>Consume events from Kafka and publish incident changes to it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Start librdkafka's mock cluster inside this process (development and single-node convenience; nothing
    /// survives a restart) and use it instead of <see cref="BootstrapServers"/>.
    /// </summary>
    public bool Embedded { get; set; }

    /// <summary>Partitions of each topic the embedded mock cluster creates.</summary>
    [Range(1, 1024)]
    public int EmbeddedPartitions { get; set; } = 6;

    /// <summary>Broker list, <c>host:port[,host:port…]</c>.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Topics to consume; an entry starting with <c>^</c> is a regular expression over topic names.</summary>
    public string[] Topics { get; set; } = ["city.events"];

    /// <summary>Consumer group shared by every node, so partitions spread over the cluster.</summary>
    [Required]
    public string GroupId { get; set; } = "citybrain";

    /// <summary>Where refused messages go, with headers naming the reason and the original topic, partition and offset.</summary>
    [Required]
    public string DeadLetterTopic { get; set; } = "citybrain.dead-letters";

    /// <summary>Incident changes as CloudEvents, keyed by incident id. Empty: not published.</summary>
    public string? IncidentsTopic { get; set; } = "citybrain.incidents";

    /// <summary>Every accepted event, normalised, as CloudEvents keyed by point id. Empty: not published.</summary>
    public string? EventsTopic { get; set; }

    /// <summary>Records of one partition handed to the grains and not yet done; past it the partition pauses.</summary>
    [Range(1, 1_000_000)]
    public int MaxInFlightPerPartition { get; set; } = 2000;

    /// <summary>Done records of a partition after which its offset is committed at once (also every <see cref="CommitIntervalMs"/>).</summary>
    [Range(1, 1_000_000)]
    public int CommitEvery { get; set; } = 1000;

    [Range(10, 60_000)]
    public int CommitIntervalMs { get; set; } = 500;

    /// <summary>
    /// Largest record value taken, in bytes, 1 KiB to 256 MiB; a larger one becomes a dead letter kept by prefix
    /// (store and dead-letter topic) and is committed past. Separate from <c>Mqtt:MaxPayloadBytes</c>: Kafka
    /// batches are sized by the brokers' own limits, which an operator may set apart from MQTT's.
    /// </summary>
    [Range(1024, 256 << 20)]
    public int MaxRecordBytes { get; set; } = 1 << 20;

    /// <summary>Extra librdkafka settings for every client (e.g. <c>security.protocol</c>, <c>sasl.mechanisms</c>).</summary>
    public Dictionary<string, string> Client { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Embedded && string.IsNullOrWhiteSpace(BootstrapServers))
            yield return new ValidationResult("Kafka:BootstrapServers is required when Kafka:Enabled=true and Kafka:Embedded=false", [nameof(BootstrapServers)]);
        if (Topics.Length == 0 || Topics.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("Kafka:Topics needs at least one topic name or ^pattern, none empty", [nameof(Topics)]);
        foreach (var pattern in Topics.Where(t => t.StartsWith('^')))
        {
            string? error = null;
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern);
            }
            catch (ArgumentException e)
            {
                error = e.Message;
            }

            if (error is not null) yield return new ValidationResult($"Kafka:Topics pattern '{pattern}' is not a valid regular expression: {error}", [nameof(Topics)]);
        }
    }
}
