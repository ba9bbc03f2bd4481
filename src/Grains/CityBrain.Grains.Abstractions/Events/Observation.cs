using CityBrain.Geo;

namespace CityBrain.Events;

/// <summary>
/// One validated, normalised event: the unit that flows from ingest through the point and cell grains.
/// </summary>
/// <param name="Key">Idempotency key (source + id).</param>
/// <param name="PointId">The reporting point (CloudEvents <c>subject</c>): camera, sensor or reporting channel.</param>
/// <param name="Kind">Detection, reading, report or recheck.</param>
/// <param name="Category">
/// What was observed, lower case: the <c>category</c> of a detection, report or recheck, or the <c>metric</c> a
/// reading measures (a reading's category is its metric; see <see cref="Metric"/>).
/// </param>
/// <param name="Location">Where the observed thing is, WGS84.</param>
/// <param name="ObservedAt">When it happened (CloudEvents <c>time</c>), UTC.</param>
/// <param name="Regions">Region codes containing <see cref="Location"/>, from the root (city) down to the lowest level.</param>
/// <param name="Value">
/// A reading's measured value in <see cref="Unit"/>, or the number a scenario's own observation carries (how many
/// points fell silent); null otherwise. Detections stored before <see cref="Confidence"/> existed hold their
/// confidence here.
/// </param>
/// <param name="Unit">The reading's unit, if any.</param>
/// <param name="Description">Free text of a report, if any.</param>
/// <param name="Redelivered">
/// The transport says this delivery may repeat one that was already processed (MQTT's DUP flag: the broker resends
/// what a crashed node had not acknowledged). Not part of the event: correlation checks such reports first.
/// </param>
/// <param name="StillPresent">A recheck's finding: whether the thing is still seen. Null for every other kind.</param>
/// <param name="Confidence">How sure the sender is of a detection, report or recheck, in [0, 1]; null for readings or when not sent.</param>
[GenerateSerializer, Immutable, Alias("cb.Observation")]
public sealed record Observation(
    [property: Id(0)] EventKey Key,
    [property: Id(1)] string PointId,
    [property: Id(2)] ObservationKind Kind,
    [property: Id(3)] string Category,
    [property: Id(4)] GeoPoint Location,
    [property: Id(5)] DateTimeOffset ObservedAt,
    [property: Id(6)] RegionPath Regions,
    [property: Id(7)] double? Value = null,
    [property: Id(8)] string? Unit = null,
    [property: Id(9)] string? Description = null,
    [property: Id(10)] bool Redelivered = false,
    [property: Id(11)] bool? StillPresent = null,
    [property: Id(12)] double? Confidence = null)
{
    /// <summary>The metric a reading measures; null for every other kind.</summary>
    public string? Metric => Kind == ObservationKind.Reading ? Category : null;

    /// <summary>
    /// The number the wire and the read model carry as <c>value</c>: a reading's measurement, else the confidence
    /// (these shared one field before <see cref="Confidence"/> had its own, and evidence keeps that shape).
    /// </summary>
    public double? ValueOrConfidence => Value ?? Confidence;

    /// <summary>Detections, reports and scenario firings are correlated into incidents; readings are kept by their point.</summary>
    public bool OpensIncidents => Kind is ObservationKind.Detection or ObservationKind.Report or ObservationKind.Scenario;

    /// <summary>What the cell of its location must see: what opens incidents, and rechecks of them.</summary>
    public bool GoesToCell => OpensIncidents || Kind == ObservationKind.Recheck;
}
