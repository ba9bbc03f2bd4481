using System.Globalization;
using CityBrain.Incidents.Kpis;
using CityBrain.Packs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class KpisEndpoints
{
    public static RouteGroupBuilder MapKpis(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", GetKpis)
            .WithTags("KPIs")
            .WithSummary("Closure, on-time, time-to-close, reopen and satisfaction figures of the cases detected in [from, to), by department, category or region");
        return api;
    }

    private static async Task<Results<Ok<KpiReport>, ProblemHttpResult>> GetKpis(
        IKpiQueries kpis, CityPack pack, TimeProvider clock,
        string? region, string? department, string? category, string? from, string? to, string? groupBy, CancellationToken cancellationToken)
    {
        if (Problems.CheckText(("region", region), ("department", department), ("category", category), ("from", from), ("to", to), ("groupBy", groupBy)) is { } textProblem) return textProblem;
        var code = string.IsNullOrWhiteSpace(region) ? pack.Regions.Root.Code : region.Trim();
        if (pack.Regions.Find(code) is null) return Problems.BadRequest("region", $"'{code}' is not a region code of {pack.Name}");
        if (ParseTime("from", from, out var fromTime) is { } fromProblem) return fromProblem;
        if (ParseTime("to", to, out var toTime) is { } toProblem) return toProblem;
        if (fromTime >= toTime) return Problems.BadRequest("to", $"must be after from ({fromTime:O})");
        var grouping = KpiGrouping.None;
        if (!string.IsNullOrWhiteSpace(groupBy) && !EnumNames.TryParse(groupBy.Trim(), out grouping))
        {
            return Problems.BadRequest("groupBy", $"'{groupBy}' is not one of {EnumNames.Lower<KpiGrouping>()}");
        }

        var query = new KpiQuery(code, Blank(department) ? null : department!.Trim(), Blank(category) ? null : category!.Trim().ToLowerInvariant(), fromTime, toTime, grouping);
        return TypedResults.Ok(await kpis.ComputeAsync(query, clock.GetUtcNow(), cancellationToken));
    }

    private static ProblemHttpResult? ParseTime(string field, string? text, out DateTimeOffset? time)
    {
        time = null;
        if (Blank(text)) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return Problems.BadRequest(field, $"'{text}' is not a date and time (ISO 8601, e.g. 2026-11-23T00:00:00+08:00)");
        }

        time = parsed;
        return null;
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
