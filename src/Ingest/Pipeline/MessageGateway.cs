using System.Buffers;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// The one path from a raw broker message to the grains: normalise, then either submit or dead-letter.
/// When the returned task completes the message is safe (taken, or kept as a dead letter) and may be acknowledged.
/// Broker transports call it through <see cref="PoisonGuard"/>, which decides what an exception from here means.
/// </summary>
public sealed class MessageGateway(EventNormalizer normalizer, IObservationSink pipeline, IDeadLetterStore deadLetters, IOptions<IngestOptions> options, TimeProvider clock)
{
    /// <param name="redelivered">The transport marks this delivery as possibly a repeat (MQTT DUP).</param>
    public Task<MessageOutcome> AcceptAsync(string transport, string origin, ReadOnlyMemory<byte> payload, bool redelivered, CancellationToken cancellationToken) =>
        AcceptAsync(transport, origin, payload, redelivered, alone: false, cancellationToken);

    /// <param name="alone">Hand the observation to the grains in a batch of its own (a retry: see <see cref="IObservationSink.SubmitAloneAsync"/>).</param>
    public async Task<MessageOutcome> AcceptAsync(string transport, string origin, ReadOnlyMemory<byte> payload, bool redelivered, bool alone, CancellationToken cancellationToken)
    {
        var result = normalizer.Normalize(payload);
        if (result.Observation is { } observation)
        {
            if (redelivered) observation = observation with { Redelivered = true };
            if (alone) await pipeline.SubmitAloneAsync(observation, cancellationToken);
            else await pipeline.SubmitAsync(observation, cancellationToken);
            return new MessageOutcome(MessageDisposition.Taken, observation, null);
        }

        var letter = await DeadLetterAsync(transport, origin, result, payload, cancellationToken);
        return new MessageOutcome(MessageDisposition.DeadLettered, null, letter);
    }

    /// <summary>
    /// Keep a message the normaliser refused. The letter's field is the first at fault; when several are, its reason
    /// names each of them with its own reason, so an event without both coordinates says so.
    /// </summary>
    public Task<DeadLetter> DeadLetterAsync(string transport, string origin, NormalizeResult refused, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var error = refused.Error ?? throw new ArgumentException("not a refusal", nameof(refused));
        var reason = error.Others.Count == 0 ? error.Reason : error.ToString();
        return DeadLetterAsync(transport, origin, error.Field, reason, refused.EventId, refused.Source, new ReadOnlySequence<byte>(payload), cancellationToken);
    }

    /// <summary>
    /// Keep a refused message: at most <see cref="IngestOptions.DeadLetterPayloadPrefixBytes"/> of it, with the size
    /// and SHA-256 of all of it. The payload is not copied beyond the prefix, so an oversize message costs no more.
    /// </summary>
    public async Task<DeadLetter> DeadLetterAsync(string transport, string origin, string field, string reason, string? eventId, string? source, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var letter = Letter(transport, origin, field, reason, eventId, source, payload);
        await deadLetters.AddAsync(letter, cancellationToken);
        return letter;
    }

    /// <summary>
    /// The letter <see cref="DeadLetterAsync(string, string, string, string, string?, string?, ReadOnlySequence{byte}, CancellationToken)"/> would keep, made now: for a payload in a buffer that is valid only
    /// until the caller returns (an MQTT receive event). Keep it with <see cref="KeepAsync"/>.
    /// </summary>
    public DeadLetter Letter(string transport, string origin, string field, string reason, string? eventId, string? source, ReadOnlySequence<byte> payload) =>
        DeadLetter.Of(Guid.NewGuid(), clock.GetUtcNow(), transport, origin, field, reason, eventId, source, payload, options.Value.DeadLetterPayloadPrefixBytes);

    /// <summary>Store a letter made by <see cref="Letter"/>.</summary>
    public ValueTask KeepAsync(DeadLetter letter, CancellationToken cancellationToken) => deadLetters.AddAsync(letter, cancellationToken);
}
