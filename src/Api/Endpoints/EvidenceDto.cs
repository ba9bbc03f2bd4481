using CityBrain.Events;
using CityBrain.Geo;

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
