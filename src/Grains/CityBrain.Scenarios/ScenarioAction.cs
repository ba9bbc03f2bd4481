using CityBrain.Incidents.Sla;

namespace CityBrain.Scenarios;

/// <param name="Category">The incident category to open, attach to or escalate; for a notification, its subject.</param>
/// <param name="Severity">Open: the starting severity, instead of the routing table's.</param>
/// <param name="Department">Open: the lead department, instead of the routing table's.</param>
/// <param name="SlaCategory">Open: the category whose SLA budgets the incident's clocks use, instead of its own.</param>
/// <param name="NotificationType">Notify: the event type, e.g. <c>city.scenario.outage</c>.</param>
/// <param name="TakesOverOpening">
/// Open: while the scenario runs live, camera detections of the categories its condition watches open no incident by
/// themselves; the scenario decides instead (<see cref="ScenarioDefinition.TakenOverCategories"/>). Never for a
/// category the city pack marks as always opening.
/// </param>
public sealed record ScenarioAction(
    ScenarioActionKind Kind,
    string Category,
    Severity? Severity = null,
    string? Department = null,
    string? SlaCategory = null,
    string? NotificationType = null,
    bool TakesOverOpening = false);
