using CityBrain.Geo;

namespace CityBrain.Api.Endpoints;

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
