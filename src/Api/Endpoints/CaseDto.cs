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
