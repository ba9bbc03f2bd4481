namespace CityBrain.Scenarios;

/// <summary>The current version of every scenario, ordered by id, as of one registry revision.</summary>
[GenerateSerializer, Immutable, Alias("cb.ScenarioSet")]
public sealed record ScenarioSet([property: Id(0)] long Revision, [property: Id(1)] StoredScenario[] Scenarios);
