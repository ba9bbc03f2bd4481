namespace CityBrain.Api.Endpoints;

/// <summary>
/// Body of <c>POST /api/incidents/{id}/actions/{action}</c>. <c>department</c> names whose task (start work,
/// complete task) or overrides the routed lead (dispatch); <c>assisting</c> overrides the routed assisting
/// departments (dispatch); <c>score</c> is 1 to 5 (evaluate); <c>into</c> is the open incident this one duplicates
/// (merge); <c>evidence</c> the events to move to a new incident and <c>category</c> its category if not this one's (split).
/// </summary>
public sealed record CaseActionRequest(
    string? Actor, string? Role, string? Reason, string? Department, string[]? Assisting, int? Score,
    string? Into = null, EvidenceRef[]? Evidence = null, string? Category = null);
