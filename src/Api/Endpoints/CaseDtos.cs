using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Routing;

namespace CityBrain.Api.Endpoints;

/// <summary>Where an incident's case stands and what may be done next.</summary>
/// <param name="CaseVersion">Also the incident's ETag: send it back in <c>If-Match</c> to act only on what you saw.</param>
public sealed record CaseDto(
    long CaseVersion,
    CaseStage Stage,
    CaseStage? SuspendedFrom,
    IReadOnlyList<CaseAction> AllowedActions,
    RoutingDecision? Routing,
    IReadOnlyList<CaseTask> Tasks,
    Evaluation? Evaluation,
    Resolution? Resolution)
{
    public static CaseDto From(IncidentView view, IReadOnlyList<CaseAction> allowed) =>
        new(view.CaseVersion, view.Summary.Stage, view.SuspendedFrom, allowed, view.Routing, view.Tasks, view.Evaluation, view.Resolution);
}

/// <summary>
/// Body of <c>POST /api/incidents/{id}/actions/{action}</c>. <c>department</c> names whose task (start work,
/// complete task) or overrides the routed lead (dispatch); <c>assisting</c> overrides the routed assisting
/// departments (dispatch); <c>score</c> is 1 to 5 (evaluate); <c>into</c> is the open incident this one duplicates
/// (merge); <c>evidence</c> the events to move to a new incident and <c>category</c> its category if not this one's (split).
/// </summary>
public sealed record CaseActionRequest(
    string? Actor, string? Role, string? Reason, string? Department, string[]? Assisting, int? Score,
    string? Into = null, EvidenceRef[]? Evidence = null, string? Category = null);

/// <summary>An event by its idempotency key, as listed in an incident's evidence.</summary>
public sealed record EvidenceRef(string? Source, string? Id);

/// <summary>The incident after an action, its new case version (also in the ETag header) and what may follow; after a split, the new incident.</summary>
public sealed record CaseActionResponse(IncidentSummary Incident, long CaseVersion, IReadOnlyList<CaseAction> AllowedActions, IncidentSummary? SplitOff = null);

/// <summary>One line of an incident's timeline: a case change, or a piece of evidence arriving.</summary>
/// <param name="At">The change's time, or the evidence's observation time (UTC).</param>
/// <param name="Kind">The audit kind (<c>opened</c>, <c>dispatched</c>, …) or <c>evidence</c>.</param>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    string? Actor,
    string? Role,
    CaseStage? StageBefore,
    CaseStage? StageAfter,
    string? Detail,
    EvidenceDto? Evidence);
