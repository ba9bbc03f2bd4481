using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CityBrain.Api.Json;
using CityBrain.Api.Live;
using CityBrain.Packs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class StreamEndpoints
{
    public static RouteGroupBuilder MapStreams(this RouteGroupBuilder api)
    {
        api.MapGroup("/stream").WithTags("Live")
            .MapGet("/incidents", Incidents)
            .WithSummary("Server-Sent Events: every incident change (event type `incident`), optionally filtered by region (any level) and category");
        api.MapGroup("/stream").WithTags("Live")
            .MapGet("/scenario-notices", Notices)
            .WithSummary("Server-Sent Events: every notification a scenario's notify action emits (event type `notice`), optionally filtered by region (any level) and notification type");
        return api;
    }

    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> Incidents(IncidentFeed feed, CityPack pack, string? region, string? category, CancellationToken cancellationToken)
    {
        if (Problems.CheckText(("region", region), ("category", category)) is { } textProblem) return textProblem;
        if (!string.IsNullOrWhiteSpace(region) && pack.Regions.Find(region.Trim()) is null) return Problems.BadRequest("region", $"'{region}' is not a region code of {pack.Name}");
        var normalizedCategory = string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant();
        return TypedResults.ServerSentEvents(Items(feed, string.IsNullOrWhiteSpace(region) ? null : region.Trim(), normalizedCategory, cancellationToken));
    }

    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> Notices(ScenarioNoticeFeed feed, CityPack pack, string? region, string? type, CancellationToken cancellationToken)
    {
        if (Problems.CheckText(("region", region), ("type", type)) is { } textProblem) return textProblem;
        if (!string.IsNullOrWhiteSpace(region) && pack.Regions.Find(region.Trim()) is null) return Problems.BadRequest("region", $"'{region}' is not a region code of {pack.Name}");
        return TypedResults.ServerSentEvents(NoticeItems(feed, string.IsNullOrWhiteSpace(region) ? null : region.Trim(), string.IsNullOrWhiteSpace(type) ? null : type.Trim(), cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> NoticeItems(ScenarioNoticeFeed feed, string? region, string? type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("{}", "ready");
        await foreach (var item in feed.Listen(region, type, cancellationToken))
        {
            yield return item.Gap is { } gap ? Gap(gap) : new SseItem<string>(JsonSerializer.Serialize(item.Item, ApiJson.Options), "notice");
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> Items(IncidentFeed feed, string? region, string? category, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A comment-like first message flushes the headers at once, so a client knows it is subscribed.
        yield return new SseItem<string>("{}", "ready");
        await foreach (var item in feed.Listen(region, category, cancellationToken))
        {
            yield return item.Gap is { } gap ? Gap(gap) : new SseItem<string>(JsonSerializer.Serialize(item.Item, ApiJson.Options), "incident");
        }
    }

    /// <summary>In the place of changes the client missed: how many, and since when, so it can re-read the list.</summary>
    private static SseItem<string> Gap(LiveGap gap) => new(JsonSerializer.Serialize(gap, ApiJson.Options), "gap");
}
