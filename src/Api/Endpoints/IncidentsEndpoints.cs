using CityBrain.Incidents;
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
        group.MapGet("/", ListIncidents).WithSummary("List incidents in a region (any level), newest first");
        group.MapGet("/{id}", GetIncident).WithName("GetIncident").WithSummary("An incident with its evidence");
        group.MapPost("/{id}/resolve", ResolveIncident).WithSummary("Resolve an open incident").DisableAntiforgery();
        return api;
    }

    private static async Task<Results<Ok<IncidentPage>, ProblemHttpResult>> ListIncidents(
        IIncidentQueries incidents, CityPack pack, string? region, string? category, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Problems.CheckPage(page, pageSize, MaxPageSize, out var p, out var size) is { } pageProblem) return pageProblem;
        var code = string.IsNullOrWhiteSpace(region) ? pack.Regions.Root.Code : region.Trim();
        if (pack.Regions.Find(code) is null) return Problems.BadRequest("region", $"'{code}' is not a region code of {pack.Name}");
        IncidentStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s)) return Problems.BadRequest("status", $"'{status}' is not one of open, resolved, merged");
            parsedStatus = s;
        }

        var query = new IncidentQuery(string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant(), parsedStatus, p, size);
        return TypedResults.Ok(await incidents.ListAsync(code, query, cancellationToken));
    }

    private static async Task<Results<Ok<IncidentDetailDto>, ProblemHttpResult>> GetIncident(IGrainFactory grains, string id)
    {
        var view = await grains.GetGrain<IIncidentGrain>(id).Get();
        return view is null
            ? Problems.NotFound($"incident '{id}'")
            : TypedResults.Ok(new IncidentDetailDto(view.Summary, view.Evidence.Select(EvidenceDto.From).ToArray(), view.Resolution, view.Audit));
    }

    private static async Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> ResolveIncident(IGrainFactory grains, string id, ResolveRequest? body)
    {
        if (string.IsNullOrWhiteSpace(body?.Actor)) return Problems.BadRequest("actor", "required: who resolves the incident");
        var result = await grains.GetGrain<IIncidentGrain>(id).Resolve(new ResolveIncident(body.Actor.Trim(), body.Note));
        return result.Status switch
        {
            ResolveStatus.Resolved => TypedResults.Ok(result.Incident!),
            ResolveStatus.NotFound => Problems.NotFound($"incident '{id}'"),
            _ => Problems.Conflict($"incident '{id}' is {result.Incident!.Status.ToString().ToLowerInvariant()}, not open; only an open incident can be resolved",
                new Dictionary<string, object?> { ["status"] = result.Incident.Status.ToString().ToLowerInvariant(), ["mergedInto"] = result.Incident.MergedInto }),
        };
    }
}
