using CityBrain.Packs;
using CityBrain.Points;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class PointsEndpoints
{
    public static RouteGroupBuilder MapPoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/points").WithTags("Points")
            .MapGet("/{id}", GetPoint).WithSummary("A camera, sensor or channel with its region at every level");
        return api;
    }

    private static async Task<Results<Ok<PointDto>, ProblemHttpResult>> GetPoint(IGrainFactory grains, CityPack pack, string id)
    {
        var view = await grains.GetGrain<IPointGrain>(id).Get();
        if (view is null) return Problems.NotFound($"point '{id}'");
        var regions = view.Regions.Codes.Select(code => pack.Regions.Find(code) is { } node ? new RegionRef(node.Level, node.Code, node.Name) : new RegionRef("", code, code)).ToArray();
        return TypedResults.Ok(new PointDto(view.Id, view.Kind, view.Name, view.Location, regions, view.Provisional, view.LastSeenAt, view.EventsAccepted, view.DuplicatesDropped,
            view.LastReading is null ? null : EvidenceDto.From(view.LastReading)));
    }
}
