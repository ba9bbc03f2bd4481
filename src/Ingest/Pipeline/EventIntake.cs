using CityBrain.Events;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;

namespace CityBrain.Ingest.Pipeline;

/// <summary>The API's way in: the same pipeline and gateway the broker transports use, so a posted event is batched and kept alike.</summary>
public sealed class EventIntake(ObservationPipeline pipeline, MessageGateway gateway) : IEventIntake
{
    public Task<IngestResults> SubmitBatchAsync(Observation[] observations) => pipeline.SubmitBatchAsync(observations);

    public Task<DeadLetter> DeadLetterAsync(string transport, string origin, NormalizeResult refused, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        gateway.DeadLetterAsync(transport, origin, refused, payload, cancellationToken);
}
