using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>A scenario whose condition held for a triggering observation: what it does next depends on its action and mode.</summary>
/// <param name="Supporting">How many observations the condition found around the trigger (the trigger included).</param>
public sealed record ScenarioFiring(ScenarioDefinition Scenario, Observation Trigger, int Supporting);
