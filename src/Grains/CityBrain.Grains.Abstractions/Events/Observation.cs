using CityBrain.Geo;

namespace CityBrain.Events;

/// <summary>
/// One validated, normalised event: the unit that flows from ingest through the point and cell grains.
/// </summary>
/// <param name="Key">Idempotency key (source + id).</param>
/// <param name="PointId">The reporting point (CloudEvents <c>subject</c>): camera, sensor or reporting channel.</param>
/// <param name="Kind">Detection, reading, report or recheck.</param>
/// <param name="Topic">The detection, report or recheck <c>category</c>, or the reading's <c>metric</c>; lower case.</param>
/// <param name="Location">Where the observed thing is, WGS84.</param>
/// <param name="ObservedAt">When it happened (CloudEvents <c>time</c>), UTC.</param>
/// <param name="Regions">Region codes containing <see cref="Location"/>, from the root (city) down to the lowest level.</param>
/// <param name="Value">The reading's value (readings) or the detection's confidence in [0, 1] (detections); null otherwise.</param>
/// <param name="Unit">The reading's unit, if any.</param>
/// <param name="Description">Free text of a report, if any.</param>
/// <param name="Redelivered">
/// The transport says this delivery may repeat one that was already processed (MQTT's DUP flag: the broker resends
/// what a crashed node had not acknowledged). Not part of the event: correlation checks such reports first.
/// </param>
/// <param name="StillPresent">A recheck's finding: whether the thing is still seen. Null for every other kind.</param>
[GenerateSerializer, Immutable, Alias("cb.Observation")]
public sealed record Observation(
    [property: Id(0)] EventKey Key,
    [property: Id(1)] string PointId,
    [property: Id(2)] ObservationKind Kind,
    [property: Id(3)] string Topic,
    [property: Id(4)] GeoPoint Location,
    [property: Id(5)] DateTimeOffset ObservedAt,
    [property: Id(6)] RegionPath Regions,
    [property: Id(7)] double? Value = null,
    [property: Id(8)] string? Unit = null,
    [property: Id(9)] string? Description = null,
    [property: Id(10)] bool Redelivered = false,
    [property: Id(11)] bool? StillPresent = null)
{
    /// <summary>Detections, reports and scenario firings are correlated into incidents; readings are kept by their point.</summary>
    public bool OpensIncidents => Kind is ObservationKind.Detection or ObservationKind.Report or ObservationKind.Scenario;

    /// <summary>What the cell of its location must see: what opens incidents, and rechecks of them.</summary>
    public bool GoesToCell => OpensIncidents || Kind == ObservationKind.Recheck;
}
