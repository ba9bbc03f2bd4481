using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>
/// Which observations count: a kind and its categories (detections, reports, rechecks) or metrics (readings),
/// with optional value, confidence, rate, place and local-time filters. At the root of a scenario: the trigger
/// itself must match. Inside a group: some observation within the group's radius and window must.
/// </summary>
/// <param name="Categories">Categories (detections, reports, rechecks) or metrics (readings), lower case; any of them.</param>
/// <param name="Value">A reading's value.</param>
/// <param name="Confidence">A detection's confidence.</param>
/// <param name="RatePerMinute">A reading's change per minute since the same point's previous reading of the metric.</param>
/// <param name="LocalTime">Local time of day in the city's time zone, when the observation was made.</param>
/// <param name="Days">Local days of the week; null for every day.</param>
public sealed record EventMatch(
    ObservationKind Kind,
    IReadOnlyList<string> Categories,
    NumberRange? Value,
    NumberRange? Confidence,
    NumberRange? RatePerMinute,
    SpatialFilter? Where,
    LocalTimeWindow? LocalTime,
    IReadOnlySet<DayOfWeek>? Days) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() { yield return this; }

    public override TimeSpan LookBack => TimeSpan.Zero;

    public override double ReachMeters => 0;
}
