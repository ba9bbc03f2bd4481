namespace CityBrain.Scenarios;

/// <param name="Scenario">The scenario's current version after the change (or, for a conflict, as it stands).</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioChange")]
public sealed record ScenarioChange(
    [property: Id(0)] ScenarioChangeStatus Status,
    [property: Id(1)] StoredScenario? Scenario,
    [property: Id(2)] ScenarioError[] Errors);
