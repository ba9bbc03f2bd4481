using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>One firing of a scenario, as recorded for its designer.</summary>
/// <param name="Trigger">The observation that made the condition hold.</param>
/// <param name="Would">The action the scenario takes: what was done, or in shadow mode what would have been.</param>
/// <param name="Supporting">How many observations the condition found (the trigger included).</param>
/// <param name="IncidentId">The incident opened, joined or escalated; null for none.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioFired")]
public sealed record ScenarioFired(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] int Version,
    [property: Id(2)] bool Shadow,
    [property: Id(3)] EventKey Trigger,
    [property: Id(4)] DateTimeOffset ObservedAt,
    [property: Id(5)] GeoPoint Location,
    [property: Id(6)] RegionPath Regions,
    [property: Id(7)] string Would,
    [property: Id(8)] int Supporting,
    [property: Id(9)] ScenarioEffect Effect,
    [property: Id(10)] string? IncidentId);
