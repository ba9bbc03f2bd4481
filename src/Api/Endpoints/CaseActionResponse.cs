using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Api.Endpoints;

/// <summary>The incident after an action, its new case version (also in the ETag header) and what may follow; after a split, the new incident.</summary>
public sealed record CaseActionResponse(IncidentSummary Incident, long CaseVersion, IReadOnlyList<CaseAction> AllowedActions, IncidentSummary? SplitOff = null);
