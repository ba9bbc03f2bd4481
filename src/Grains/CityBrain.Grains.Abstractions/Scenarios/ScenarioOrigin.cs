using CityBrain.Incidents.Sla;

namespace CityBrain.Scenarios;

/// <summary>The scenario whose firing opened an incident, and what its action set instead of the routing table.</summary>
/// <param name="ScenarioId">The scenario's id.</param>
/// <param name="Version">The scenario version that fired.</param>
/// <param name="Severity">The incident's starting severity; the routing table's when null.</param>
/// <param name="Department">The lead department; the routing table's when null.</param>
/// <param name="SlaCategory">The category whose SLA budgets the incident's clocks use; its own when null.</param>
/// <param name="SensorMetric">When a sensor reading triggered it, the reading's metric: the case then passes verification by itself only once that sensor reads normal again.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioOrigin")]
public sealed record ScenarioOrigin(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] int Version,
    [property: Id(2)] Severity? Severity = null,
    [property: Id(3)] string? Department = null,
    [property: Id(4)] string? SlaCategory = null,
    [property: Id(5)] string? SensorMetric = null);
