using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class PackEndpoints
{
    public const int MaxPageSize = PointLoadReport.MaxListed;

    public static RouteGroupBuilder MapPack(this RouteGroupBuilder api)
    {
        api.MapGroup("/pack").WithTags("City pack")
            .MapGet("/", GetPack).WithSummary("The loaded city pack: regions per level, points loaded and the bad point entries skipped (a page of them), routing version, and the categories this node found unrouted");
        return api;
    }

    private static Results<Ok<PackDto>, ProblemHttpResult> GetPack(CityPack pack, UnroutedCategories unrouted, int? page, int? pageSize)
    {
        if (Problems.CheckPage(page, pageSize, MaxPageSize, out var p, out var size) is { } problem) return problem;
        var report = pack.PointReport;
        var levels = new List<RegionLevelDto>();
        var level = pack.Regions.Root.Children;
        for (var depth = 0; level.Count > 0; depth++)
        {
            levels.Add(new RegionLevelDto(pack.Regions.LevelNames[depth], level.Count));
            level = level.SelectMany(r => r.Children).ToArray();
        }

        var listed = report.BadEntries;
        var skip = (long)(p - 1) * size;
        var items = skip >= listed.Count ? [] : listed.Skip((int)skip).Take(size).ToArray();
        var points = new PointLoadDto(report.Entries, report.Loaded, report.Bad, report.MaxBadShare,
            report.Files, report.BadByFault, new PageDto<BadPointEntry>(items, p, size, listed.Count));
        var routing = pack.Routing;
        var snapshot = unrouted.Snapshot();
        return TypedResults.Ok(new PackDto(pack.Name, pack.TimeZone.Id, levels, points,
            ReferenceEquals(routing, CityRouting.None) ? null : routing.Version, routing.Default?.Lead,
            !ReferenceEquals(pack.Sla, SlaPolicy.None), new UnroutedDto(snapshot.Categories, snapshot.Other)));
    }
}
