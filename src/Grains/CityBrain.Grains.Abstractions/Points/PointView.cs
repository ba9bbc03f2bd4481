using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Points;

/// <summary>What CityBrain knows about one camera, sensor or reporting channel.</summary>
/// <param name="Id">The point id (CloudEvents <c>subject</c>).</param>
/// <param name="Kind">e.g. <c>camera</c>, <c>sensor</c>; for a provisional point, inferred from its first event.</param>
/// <param name="Name">Human-readable place or label, if known.</param>
/// <param name="Location">Where the device is, WGS84.</param>
/// <param name="Regions">Region codes of <see cref="Location"/> at every level, root first.</param>
/// <param name="Provisional">True when the point is not in the city pack's registry and was registered from its first event.</param>
/// <param name="LastSeenAt">Observation time of the latest event (UTC), if any since activation.</param>
/// <param name="EventsAccepted">Events taken since activation.</param>
/// <param name="DuplicatesDropped">Redelivered events (same source + id) dropped since activation.</param>
/// <param name="LastReading">The latest sensor reading, if any.</param>
[GenerateSerializer, Immutable, Alias("cb.PointView")]
public sealed record PointView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] GeoPoint Location,
    [property: Id(4)] RegionPath Regions,
    [property: Id(5)] bool Provisional,
    [property: Id(6)] DateTimeOffset? LastSeenAt,
    [property: Id(7)] long EventsAccepted,
    [property: Id(8)] long DuplicatesDropped,
    [property: Id(9)] Observation? LastReading);
