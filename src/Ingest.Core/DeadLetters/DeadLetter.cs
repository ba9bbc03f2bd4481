using System.Buffers;
using System.Security.Cryptography;

namespace CityBrain.Ingest.DeadLetters;

/// <summary>
/// A refused message, kept with everything needed to understand it: its reason, where it came from, and a prefix
/// of its raw bytes with the size and SHA-256 of the whole, so a letter stays small however large the message was.
/// </summary>
/// <param name="Id">Unique id of this dead letter.</param>
/// <param name="ReceivedAt">When CityBrain received the message (UTC, wall clock).</param>
/// <param name="Transport"><c>mqtt</c>, <c>http</c> or <c>kafka</c>.</param>
/// <param name="Origin">Where it came from: the MQTT topic, the HTTP path, the Kafka topic/partition/offset.</param>
/// <param name="Field">The field at fault, as a JSON path (<c>$</c> for the whole message).</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="EventId">The CloudEvents <c>id</c>, if it could be read.</param>
/// <param name="Source">The CloudEvents <c>source</c>, if it could be read.</param>
/// <param name="Payload">The first bytes of the message exactly as received (all of it if it is no longer than the kept prefix).
/// Empty in a listing page, which carries no payloads.</param>
/// <param name="PayloadSize">Size of the whole message in bytes (0 or more).</param>
/// <param name="PayloadSha256">SHA-256 of the whole message, lower-case hex (64 characters).</param>
public sealed record DeadLetter(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string Transport,
    string Origin,
    string Field,
    string Reason,
    string? EventId,
    string? Source,
    byte[] Payload,
    long PayloadSize,
    string PayloadSha256)
{
    /// <summary>A letter for a whole payload held in memory: its size and hash are taken from it, and it is kept whole until a store cuts it.</summary>
    public DeadLetter(Guid id, DateTimeOffset receivedAt, string transport, string origin, string field, string reason, string? eventId, string? source, byte[] payload)
        : this(id, receivedAt, transport, origin, field, reason, eventId, source, payload, payload.LongLength, Sha256Hex(new ReadOnlySequence<byte>(payload)))
    {
    }

    /// <summary>The payload is shorter than the message: only its first bytes were kept.</summary>
    public bool PayloadTruncated => Payload.LongLength < PayloadSize;

    /// <summary>
    /// A letter keeping at most <paramref name="prefixBytes"/> of <paramref name="payload"/>, with the size and hash of
    /// all of it. The payload is read once and not copied beyond the prefix.
    /// </summary>
    public static DeadLetter Of(
        Guid id, DateTimeOffset receivedAt, string transport, string origin, string field, string reason, string? eventId, string? source,
        ReadOnlySequence<byte> payload, int prefixBytes)
    {
        var kept = payload.Slice(0, Math.Min(payload.Length, Math.Max(0, prefixBytes))).ToArray();
        return new DeadLetter(id, receivedAt, transport, origin, field, reason, eventId, source, kept, payload.Length, Sha256Hex(payload));
    }

    /// <summary>This letter with at most <paramref name="prefixBytes"/> of its payload (size and hash unchanged).</summary>
    public DeadLetter WithPrefix(int prefixBytes) =>
        Payload.Length <= Math.Max(0, prefixBytes) ? this : this with { Payload = Payload[..Math.Max(0, prefixBytes)] };

    /// <summary>Bytes this letter holds in memory, roughly: its payload and its strings.</summary>
    public long ApproximateBytes =>
        Payload.LongLength + 2L * (Transport.Length + Origin.Length + Field.Length + Reason.Length + (EventId?.Length ?? 0) + (Source?.Length ?? 0) + PayloadSha256.Length) + 128;

    private static string Sha256Hex(ReadOnlySequence<byte> payload)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in payload) hash.AppendData(segment.Span);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
