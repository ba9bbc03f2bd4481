using CityBrain.Events;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// What a front door outside the broker transports (the HTTP API) needs from ingest: hand a batch it normalised
/// itself to the grains, and keep an event it refused as a dead letter the way the transports keep theirs.
/// CityBrain.Ingest implements it over its observation pipeline and message gateway.
/// </summary>
public interface IEventIntake
{
    /// <summary>Submit a whole batch directly (HTTP posts arrive batched already) and learn what became of each observation.</summary>
    Task<IngestResults> SubmitBatchAsync(Observation[] observations);

    /// <summary>
    /// Keep a message the normaliser refused. The letter's field is the first at fault; when several are, its reason
    /// names each of them with its own reason.
    /// </summary>
    /// <param name="transport">Where it came in (<c>http</c>).</param>
    /// <param name="origin">Where in that transport (the request and the event's position in its batch).</param>
    Task<DeadLetter> DeadLetterAsync(string transport, string origin, NormalizeResult refused, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
