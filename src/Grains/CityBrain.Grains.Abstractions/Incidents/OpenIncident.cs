using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>Open an incident from its first evidence. Idempotent: opening an already-open incident with the same first evidence changes nothing.</summary>
/// <param name="Category">The incident's category.</param>
/// <param name="First">The observation that opens it.</param>
/// <param name="OwnerCell">Key of the spatial cell that decided to open it and keeps it in its correlation index.</param>
/// <param name="Scenario">The scenario whose firing opens it; null for an observation that opens it directly.</param>
[GenerateSerializer, Immutable, Alias("cb.OpenIncident")]
public sealed record OpenIncident(
    [property: Id(0)] string Category,
    [property: Id(1)] Observation First,
    [property: Id(2)] string OwnerCell,
    [property: Id(3)] Scenarios.ScenarioOrigin? Scenario = null);
