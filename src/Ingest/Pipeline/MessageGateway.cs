using CityBrain.Events;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;

namespace CityBrain.Ingest.Pipeline;

/// <summary>What became of one raw broker message.</summary>
public enum MessageDisposition
{
    /// <summary>Taken by the grains.</summary>
    Taken,

    /// <summary>Refused and kept as a dead letter with its reason.</summary>
    DeadLettered,
}

/// <summary>What became of one message, with the observation taken or the dead letter kept.</summary>
public readonly record struct MessageOutcome(MessageDisposition Disposition, Observation? Observation, DeadLetter? DeadLetter);

/// <summary>
/// The one path from a raw broker message to the grains: normalise, then either submit or dead-letter.
/// When the returned task completes the message is safe (taken, or kept as a dead letter) and may be acknowledged.
/// </summary>
public sealed class MessageGateway(EventNormalizer normalizer, ObservationPipeline pipeline, IDeadLetterStore deadLetters, TimeProvider clock)
{
    /// <param name="redelivered">The transport marks this delivery as possibly a repeat (MQTT DUP).</param>
    public async Task<MessageOutcome> AcceptAsync(string transport, string origin, ReadOnlyMemory<byte> payload, bool redelivered, CancellationToken cancellationToken)
    {
        var result = normalizer.Normalize(payload);
        if (result.Observation is { } observation)
        {
            await pipeline.SubmitAsync(redelivered ? observation with { Redelivered = true } : observation, cancellationToken);
            return new MessageOutcome(MessageDisposition.Taken, observation, null);
        }

        var error = result.Error!;
        var letter = new DeadLetter(Guid.NewGuid(), clock.GetUtcNow(), transport, origin, error.Field, error.Reason, result.EventId, result.Source, payload.ToArray());
        await deadLetters.AddAsync(letter, cancellationToken);
        return new MessageOutcome(MessageDisposition.DeadLettered, null, letter);
    }
}
