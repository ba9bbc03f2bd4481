namespace CityBrain.Scenarios;

/// <summary>What became of a change to a scenario.</summary>
/// <param name="Status">Whether it was saved, and if not, why.</param>
/// <param name="Scenario">The scenario's current version after the change (or, for a conflict, as it stands).</param>
/// <param name="Errors">What is wrong with the definition; empty unless it was invalid.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioChange")]
public sealed record ScenarioChange(
    [property: Id(0)] ScenarioChangeStatus Status,
    [property: Id(1)] StoredScenario? Scenario,
    [property: Id(2)] ScenarioError[] Errors);
