using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;

namespace CityBrain.Api.Endpoints;

/// <summary>One piece of evidence of an incident: the event it came from and where it was.</summary>
public sealed record EvidenceDto(
    string Source,
    string Id,
    string PointId,
    ObservationKind Kind,
    string Topic,
    GeoPoint Location,
    DateTimeOffset ObservedAt,
    RegionPath Regions,
    double? Value,
    string? Unit,
    string? Description)
{
    public static EvidenceDto From(Observation o) =>
        new(o.Key.Source, o.Key.Id, o.PointId, o.Kind, o.Category, o.Location, o.ObservedAt, o.Regions, o.ValueOrConfidence, o.Unit, o.Description);
}

/// <summary>An incident with its case, its evidence (the first and the latest; <c>incident.evidenceCount</c> counts all) and its audit trail.</summary>
public sealed record IncidentDetailDto(IncidentSummary Incident, CaseDto Case, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<AuditEntry> Audit);

/// <summary>Answer to an accepted <c>POST /api/events</c>.</summary>
/// <param name="Rechecked">Rechecks that verified an incident in verification or sent it back to handling.</param>
public sealed record EventsAccepted(int Received, int OpenedIncidents, int AttachedToIncidents, int Duplicates, int Recorded, int Rechecked);

/// <summary>One refused event of a posted batch.</summary>
public sealed record EventProblem(int Index, string Field, string Reason, string? EventId);

/// <summary>A region with its live figures; children are listed down to the requested depth.</summary>
public sealed record RegionDto(
    string Code,
    string Name,
    string Level,
    string? ParentCode,
    int OpenIncidents,
    IReadOnlyDictionary<string, int>? OpenByCategory,
    IReadOnlyList<RegionDto>? Children);

/// <summary>A level of a point's region path.</summary>
public sealed record RegionRef(string Level, string Code, string Name);

public sealed record PointDto(
    string Id,
    string Kind,
    string? Name,
    GeoPoint Location,
    IReadOnlyList<RegionRef> Regions,
    bool Provisional,
    DateTimeOffset? LastSeenAt,
    long EventsAccepted,
    long DuplicatesDropped,
    EvidenceDto? LastReading);

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

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalItems);
