namespace CityBrain.Ingest.DeadLetters;

/// <summary>A refused message, kept with everything needed to understand and replay it.</summary>
/// <param name="Id">Unique id of this dead letter.</param>
/// <param name="ReceivedAt">When CityBrain received the message (UTC, wall clock).</param>
/// <param name="Transport"><c>mqtt</c>, <c>http</c> or <c>kafka</c>.</param>
/// <param name="Origin">Where it came from: the MQTT topic, the HTTP path, the Kafka topic/partition/offset.</param>
/// <param name="Field">The field at fault, as a JSON path (<c>$</c> for the whole message).</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="EventId">The CloudEvents <c>id</c>, if it could be read.</param>
/// <param name="Source">The CloudEvents <c>source</c>, if it could be read.</param>
/// <param name="Payload">The raw bytes exactly as received.</param>
public sealed record DeadLetter(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string Transport,
    string Origin,
    string Field,
    string Reason,
    string? EventId,
    string? Source,
    byte[] Payload);
