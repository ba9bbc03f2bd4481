using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>One firing of a scenario, as recorded for its designer.</summary>
/// <param name="ScenarioId">The scenario that fired.</param>
/// <param name="Version">The version of the scenario that fired.</param>
/// <param name="Shadow">Whether it ran in shadow mode: recorded only, nothing done.</param>
/// <param name="Trigger">The observation that made the condition hold.</param>
/// <param name="ObservedAt">The trigger's observation time, UTC.</param>
/// <param name="Location">The trigger's location, WGS84.</param>
/// <param name="Regions">Region codes containing the location, root first.</param>
/// <param name="Would">The action the scenario takes: what was done, or in shadow mode what would have been.</param>
/// <param name="Supporting">How many observations the condition found (the trigger included).</param>
/// <param name="Effect">What the firing did to incidents.</param>
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
