using CityBrain.Incidents;
using CityBrain.Packs;
using CityBrain.Regions;
using CityBrain.Spatial;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

/// <summary>
/// The region tree with live counts. Each region whose children are shown costs one count from the read side (its
/// counts carry its children's totals), so depth, not the size of the tree, bounds the work.
/// </summary>
public static class RegionsEndpoints
{
    public const int MaxDepth = 3;

    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/regions").WithTags("Regions");
        group.MapGet("/", GetTree).WithSummary("The region tree from the city down to `depth` levels, with open-incident counts");
        group.MapGet("/{code}", GetRegion).WithSummary("One region with counts by category and its children's counts");
        return api;
    }

    private static async Task<Results<Ok<RegionDto>, ProblemHttpResult>> GetTree(IIncidentQueries incidents, CityPack pack, int? depth, CancellationToken cancellationToken)
    {
        var d = depth ?? 1;
        if (d < 0 || d > MaxDepth) return Problems.BadRequest("depth", $"must be between 0 and {MaxDepth}");
        return TypedResults.Ok(await Describe(incidents, pack.Regions.Root, d, null, cancellationToken));
    }

    private static async Task<Results<Ok<RegionDto>, ProblemHttpResult>> GetRegion(IIncidentQueries incidents, CityPack pack, string code, CancellationToken cancellationToken)
    {
        var node = pack.Regions.Find(code);
        return node is null ? Problems.NotFound($"region '{code}'") : TypedResults.Ok(await Describe(incidents, node, 1, null, cancellationToken));
    }

    private static async Task<RegionDto> Describe(IIncidentQueries incidents, RegionNode node, int depth, int? knownTotal, CancellationToken cancellationToken)
    {
        if (depth == 0) return new RegionDto(node.Code, node.Name, node.Level, node.ParentCode, knownTotal ?? (await incidents.CountAsync(node.Code, cancellationToken)).OpenIncidents, null, null);
        var counts = await incidents.CountAsync(node.Code, cancellationToken);
        var children = await Task.WhenAll(node.Children.Select(c => Describe(incidents, c, depth - 1, counts.OpenByChild.GetValueOrDefault(c.Code), cancellationToken)));
        return new RegionDto(node.Code, node.Name, node.Level, node.ParentCode, counts.OpenIncidents, counts.OpenByCategory, children);
    }
}
