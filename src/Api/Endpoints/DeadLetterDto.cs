namespace CityBrain.Api.Endpoints;

/// <summary>
/// A dead letter. <c>payloadSize</c> and <c>payloadSha256</c> describe the whole message; the kept prefix (at most
/// <c>Ingest:DeadLetterPayloadPrefixBytes</c>, <c>payloadTruncated</c> when shorter than the message) is in
/// <c>payloadText</c> if it is valid UTF-8, else in <c>payloadBase64</c>; in a list page (without
/// <c>includePayload=true</c>) both are null.
/// </summary>
public sealed record DeadLetterDto(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string Transport,
    string Origin,
    string Field,
    string Reason,
    string? EventId,
    string? Source,
    string? PayloadText,
    string? PayloadBase64,
    long PayloadSize,
    string PayloadSha256,
    bool PayloadTruncated);
