using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>A firing decided outside a cell (a silence watch): the cell of its place carries out the action.</summary>
/// <param name="ScenarioId">The scenario that fired.</param>
/// <param name="Version">The version of the scenario that fired.</param>
/// <param name="Trigger">Stands for the outage: its place is the silent points' centre, its key names the region and the moment.</param>
/// <param name="Supporting">How many points were silent when it fired.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioFiringRequest")]
public sealed record ScenarioFiringRequest(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] int Version,
    [property: Id(2)] Observation Trigger,
    [property: Id(3)] int Supporting);
