using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>A notification a scenario's <c>notify</c> action emits, for subscribers: no incident is opened.</summary>
/// <param name="Type">The event type the scenario names, e.g. <c>city.scenario.outage</c>.</param>
/// <param name="ScenarioId">The scenario that fired.</param>
/// <param name="Version">The version of the scenario that fired.</param>
/// <param name="Category">What it is about, as the action says; empty when it says nothing.</param>
/// <param name="Trigger">The observation that made the condition hold.</param>
/// <param name="ObservedAt">The trigger's observation time, UTC.</param>
/// <param name="Location">The trigger's location, WGS84.</param>
/// <param name="Regions">Region codes containing the location, root first.</param>
/// <param name="Supporting">How many observations the condition found (the trigger included).</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioNotice")]
public sealed record ScenarioNotice(
    [property: Id(0)] string Type,
    [property: Id(1)] string ScenarioId,
    [property: Id(2)] int Version,
    [property: Id(3)] string Category,
    [property: Id(4)] EventKey Trigger,
    [property: Id(5)] DateTimeOffset ObservedAt,
    [property: Id(6)] GeoPoint Location,
    [property: Id(7)] RegionPath Regions,
    [property: Id(8)] int Supporting);
