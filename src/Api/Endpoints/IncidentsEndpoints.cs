using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Packs;
using CityBrain.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class IncidentsEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapIncidents(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents").WithTags("Incidents");
        group.MapGet("/", ListIncidents).WithSummary("List incidents in a region (any level), newest first; overdue=true: open ones past an SLA deadline");
        group.MapGet("/{id}", GetIncident).WithName("GetIncident").WithSummary("An incident with its case, evidence and audit trail; ETag is the case version");
        group.MapGet("/{id}/timeline", GetTimeline).WithSummary("Everything that happened to an incident, oldest first: case changes and evidence");
        group.MapPost("/{id}/actions/{action}", Act)
            .WithSummary("One step of the closed loop (accept, dispatch, startWork, …); If-Match makes it conditional on the case version")
            .DisableAntiforgery();
        return api;
    }

    private static async Task<Results<Ok<IncidentPage>, ProblemHttpResult>> ListIncidents(
        IIncidentQueries incidents, CityPack pack, string? region, string? category, string? status, bool? overdue, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Problems.CheckPage(page, pageSize, MaxPageSize, out var p, out var size) is { } pageProblem) return pageProblem;
        if (Problems.CheckText(("region", region), ("category", category), ("status", status)) is { } textProblem) return textProblem;
        var code = string.IsNullOrWhiteSpace(region) ? pack.Regions.Root.Code : region.Trim();
        if (pack.Regions.Find(code) is null) return Problems.BadRequest("region", $"'{code}' is not a region code of {pack.Name}");
        IncidentStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s)) return Problems.BadRequest("status", $"'{status}' is not one of open, resolved, merged");
            parsedStatus = s;
        }

        var query = new IncidentQuery(string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant(), parsedStatus, p, size, overdue ?? false);
        return TypedResults.Ok(await incidents.ListAsync(code, query, cancellationToken));
    }

    private static async Task<Results<Ok<IncidentDetailDto>, ProblemHttpResult>> GetIncident(IGrainFactory grains, HttpResponse response, string id)
    {
        var view = await grains.GetGrain<IIncidentGrain>(id).Get();
        if (view is null) return Problems.NotFound($"incident '{id}'");
        CaseVersionHeaders.Set(response, view.CaseVersion);
        return TypedResults.Ok(new IncidentDetailDto(view.Summary, CaseDto.From(view, CaseLifecycle.AllowedActions(view.Summary)), view.Evidence.Select(EvidenceDto.From).ToArray(), view.Audit));
    }

    private static async Task<Results<Ok<TimelineEntry[]>, ProblemHttpResult>> GetTimeline(IGrainFactory grains, string id)
    {
        var view = await grains.GetGrain<IIncidentGrain>(id).Get();
        if (view is null) return Problems.NotFound($"incident '{id}'");
        var changes = view.Audit.Select(a => new TimelineEntry(a.At, a.Kind, a.Actor, a.Role, a.StageBefore, a.StageAfter, a.Detail, null));
        var evidence = view.Evidence.Select(e => new TimelineEntry(e.ObservedAt, "evidence", null, null, null, null, $"{e.Kind.ToString().ToLowerInvariant()} from point {e.PointId}", EvidenceDto.From(e)));
        return TypedResults.Ok(changes.Concat(evidence).OrderBy(t => t.At).ToArray());
    }

    private static async Task<Results<Ok<CaseActionResponse>, ProblemHttpResult>> Act(
        IGrainFactory grains, HttpRequest request, HttpResponse response, string id, string action, CaseActionRequest? body)
    {
        if (!CaseActionNames.TryParse(action, out var parsed)) return Problems.BadRequest("action", $"'{action}' is not a case action; one of {CaseActionNames.All}");
        if (CaseVersionHeaders.TryReadIfMatch(request, out var expected) is { } ifMatchProblem) return ifMatchProblem;
        if (string.IsNullOrWhiteSpace(body?.Actor)) return Problems.BadRequest("actor", "required: who acts");
        if (string.IsNullOrWhiteSpace(body.Role)) return Problems.BadRequest("role", "required: in what capacity, e.g. operator, department, supervisor");
        EventKey[]? evidence = null;
        if (body.Evidence is { } refs)
        {
            evidence = new EventKey[refs.Length];
            for (var i = 0; i < refs.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(refs[i]?.Source)) return Problems.BadRequest($"evidence[{i}].source", "required: the event's CloudEvents source");
                if (string.IsNullOrWhiteSpace(refs[i]!.Id)) return Problems.BadRequest($"evidence[{i}].id", "required: the event's CloudEvents id");
                evidence[i] = new EventKey(refs[i]!.Source!, refs[i]!.Id!);
            }
        }

        var command = new CaseCommand(parsed, body.Actor.Trim(), body.Role.Trim(), body.Reason, expected, body.Department, body.Assisting, body.Score, body.Into, evidence, body.Category);
        var result = await grains.GetGrain<IIncidentGrain>(id).Act(command);
        if (result.Status == CaseActStatus.NotFound) return Problems.NotFound($"incident '{id}'");
        CaseVersionHeaders.Set(response, result.CaseVersion);
        return result.Status switch
        {
            CaseActStatus.Done => TypedResults.Ok(new CaseActionResponse(result.Incident!, result.CaseVersion, result.AllowedActions, result.SplitOff)),
            CaseActStatus.Invalid => Problems.BadRequest(result.Field ?? "body", result.Problem ?? "invalid"),
            _ => Problems.Conflict(result.Problem ?? $"{parsed} is not possible now", new Dictionary<string, object?>
            {
                ["reason"] = result.Status == CaseActStatus.VersionConflict ? "caseVersionChanged" : "actionNotAllowed",
                ["stage"] = result.Incident!.Stage,
                ["status"] = result.Incident.Status,
                ["caseVersion"] = result.CaseVersion,
                ["allowedActions"] = result.AllowedActions,
                ["mergedInto"] = result.Incident.MergedInto,
            }),
        };
    }
}
