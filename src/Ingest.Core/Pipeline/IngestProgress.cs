namespace CityBrain.Ingest.Pipeline;

/// <summary>The progress of each ingest transport, for readiness (one per process).</summary>
public sealed class IngestProgress(TimeProvider clock)
{
    public TransportProgress Mqtt { get; } = new("mqtt", clock);

    public TransportProgress Kafka { get; } = new("kafka", clock);

    /// <summary>The observation pipeline's queue to the grains, shared by every transport.</summary>
    public TransportProgress Queue { get; } = new("queue", clock);
}
