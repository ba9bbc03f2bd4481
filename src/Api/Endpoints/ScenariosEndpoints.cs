using System.Globalization;
using System.Text;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Ingest.Events;
using CityBrain.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace CityBrain.Api.Endpoints;

/// <summary>
/// Scenario management: definitions as JSON (the shape of <c>packs/scenarios/scenario.schema.json</c>), each change a
/// new version; every silo follows a change within <c>Scenarios:RefreshSeconds</c>. The ETag is the version, and
/// If-Match makes a change conditional on it.
/// </summary>
public static class ScenariosEndpoints
{
    public const int MaxDefinitionBytes = 1 << 20;
    public const int MaxFirings = 500;
    public const int MaxBacktestLines = 2_000_000;
    public const int MaxRefusalsListed = 100;

    public static RouteGroupBuilder MapScenarios(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/scenarios").WithTags("Scenarios");
        group.MapGet("/", List).WithSummary("Every scenario: its current version, whether it is enabled, its mode and its definition");
        group.MapGet("/catalog", Catalog).WithSummary("What this node evaluates now: its catalog's registry revision (caught up when equal to the registry's) and the enabled scenarios with their versions");
        group.MapGet("/{id}", Get).WithName("GetScenario").WithSummary("One scenario's current version; ETag is the version");
        group.MapPost("/", Create).WithSummary("Add a scenario from its definition (JSON); 409 if its id is taken").DisableAntiforgery();
        group.MapPut("/{id}", Save).WithSummary("Save a definition as the scenario's next version (or its first); If-Match makes it conditional").DisableAntiforgery();
        group.MapPost("/{id}/enable", Enable).WithSummary("Switch a scenario on: its next version, enabled").DisableAntiforgery();
        group.MapPost("/{id}/disable", Disable).WithSummary("Switch a scenario off: its next version, disabled").DisableAntiforgery();
        group.MapGet("/{id}/versions", Versions).WithSummary("The kept versions of a scenario, newest first");
        group.MapPost("/{id}/backtest", Backtest)
            .WithSummary("Run the scenario (its current version, or ?version=) over recorded events (NDJSON body) with a virtual clock: the incidents it would have opened, with no side effects")
            .Accepts<string>("application/x-ndjson")
            .DisableAntiforgery();
        group.MapGet("/{id}/firings", Firings).WithSummary("How often a scenario fired, live and in shadow mode, and its latest firings with what they did (or would have done)");
        return api;
    }

    private static IScenarioRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IScenarioRegistryGrain>(IScenarioRegistryGrain.CityKey);

    private static async Task<Ok<ScenarioDto[]>> List(IGrainFactory grains)
    {
        var set = await Registry(grains).GetAll();
        return TypedResults.Ok(set.Scenarios.Select(ScenarioDto.From).ToArray());
    }

    private static async Task<Ok<CatalogDto>> Catalog(IGrainFactory grains, ScenarioCatalogSource source)
    {
        var catalog = source.Current;
        var registry = await Registry(grains).GetRevision();
        return TypedResults.Ok(new CatalogDto(registry, catalog.Revision, catalog.Scenarios.Select(s => new CatalogEntryDto(s.Id, s.Version, s.Mode.ToString().ToLowerInvariant())).ToArray()));
    }

    private static async Task<Results<Ok<ScenarioDto>, ProblemHttpResult>> Get(IGrainFactory grains, HttpResponse response, string id)
    {
        if (await Registry(grains).Get(id) is not { } stored) return Problems.NotFound($"scenario '{id}'");
        response.Headers.ETag = ETagOf(stored.Version);
        return TypedResults.Ok(ScenarioDto.From(stored));
    }

    private static async Task<Results<Created<ScenarioDto>, ProblemHttpResult>> Create(IGrainFactory grains, HttpRequest request, HttpResponse response, string? actor)
    {
        var (json, problem) = await ReadDefinition(request);
        if (problem is not null) return problem;
        if (IdOf(json!) is not { } id) return Problems.BadRequest("$.id", "required: the scenario's id (lower-case letters, digits, '-' and '_')");
        var change = await Registry(grains).Save(new SaveScenario(id, json!, Actor(actor), ExpectedVersion: 0));
        if (change.Status == ScenarioChangeStatus.Conflict) return Problems.Conflict($"scenario '{id}' exists already (version {change.Scenario!.Version}); PUT /api/scenarios/{id} changes it", new Dictionary<string, object?> { ["version"] = change.Scenario.Version });
        if (Refused(change) is { } refused) return refused;
        response.Headers.ETag = ETagOf(change.Scenario!.Version);
        return TypedResults.Created($"/api/scenarios/{id}", ScenarioDto.From(change.Scenario));
    }

    private static async Task<Results<Ok<ScenarioDto>, Created<ScenarioDto>, ProblemHttpResult>> Save(IGrainFactory grains, HttpRequest request, HttpResponse response, string id, string? actor)
    {
        if (ReadIfMatch(request, out var expected) is { } ifMatchProblem) return ifMatchProblem;
        var (json, problem) = await ReadDefinition(request);
        if (problem is not null) return problem;
        var change = await Registry(grains).Save(new SaveScenario(id, json!, Actor(actor), expected));
        if (Refused(change) is { } refused) return refused;
        response.Headers.ETag = ETagOf(change.Scenario!.Version);
        return change.Status == ScenarioChangeStatus.Created
            ? TypedResults.Created($"/api/scenarios/{id}", ScenarioDto.From(change.Scenario))
            : TypedResults.Ok(ScenarioDto.From(change.Scenario));
    }

    private static Task<Results<Ok<ScenarioDto>, ProblemHttpResult>> Enable(IGrainFactory grains, HttpRequest request, HttpResponse response, string id, string? actor) =>
        SetEnabled(grains, request, response, id, actor, enabled: true);

    private static Task<Results<Ok<ScenarioDto>, ProblemHttpResult>> Disable(IGrainFactory grains, HttpRequest request, HttpResponse response, string id, string? actor) =>
        SetEnabled(grains, request, response, id, actor, enabled: false);

    private static async Task<Results<Ok<ScenarioDto>, ProblemHttpResult>> SetEnabled(IGrainFactory grains, HttpRequest request, HttpResponse response, string id, string? actor, bool enabled)
    {
        if (ReadIfMatch(request, out var expected) is { } ifMatchProblem) return ifMatchProblem;
        var change = await Registry(grains).SetEnabled(id, enabled, Actor(actor), expected);
        if (Refused(change) is { } refused) return refused;
        response.Headers.ETag = ETagOf(change.Scenario!.Version);
        return TypedResults.Ok(ScenarioDto.From(change.Scenario));
    }

    private static async Task<Results<Ok<ScenarioDto[]>, ProblemHttpResult>> Versions(IGrainFactory grains, string id)
    {
        var versions = await Registry(grains).GetVersions(id);
        return versions.Length == 0 ? Problems.NotFound($"scenario '{id}'") : TypedResults.Ok(versions.Select(ScenarioDto.From).ToArray());
    }

    private static async Task<Results<Ok<ScenarioFirings>, ProblemHttpResult>> Firings(IGrainFactory grains, string id, int? limit)
    {
        var take = limit ?? 50;
        if (take < 1 || take > MaxFirings) return Problems.BadRequest("limit", $"must be between 1 and {MaxFirings}");
        if (await Registry(grains).Get(id) is null) return Problems.NotFound($"scenario '{id}'");
        return TypedResults.Ok(await grains.GetGrain<IScenarioFiringsGrain>(id).Get(take));
    }

    private static async Task<Results<Ok<BacktestResponse>, ProblemHttpResult>> Backtest(
        IGrainFactory grains, HttpRequest request, EventNormalizer normalizer, ScenarioParser parser, ScenarioBacktest backtest, string id, int? version, CancellationToken cancellationToken)
    {
        var versions = await Registry(grains).GetVersions(id);
        if (versions.Length == 0) return Problems.NotFound($"scenario '{id}'");
        var stored = version is { } v ? versions.FirstOrDefault(s => s.Version == v) : versions[0];
        if (stored is null) return Problems.BadRequest("version", $"version {version} of '{id}' is not kept; kept: {string.Join(", ", versions.Select(s => s.Version))}");

        var observations = new List<Observation>();
        var refused = new List<BacktestRefusal>();
        var refusedCount = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (line > MaxBacktestLines) return Problems.BadRequest("body", $"a backtest takes at most {MaxBacktestLines} lines");
            var result = normalizer.Normalize(Encoding.UTF8.GetBytes(text));
            if (result.Observation is { } observation)
            {
                observations.Add(observation);
                continue;
            }

            // A recorded file holds what was refused live too: it is counted and named, and the rest still runs.
            if (refusedCount++ < MaxRefusalsListed) refused.Add(new BacktestRefusal(line, result.Error!.Field, result.Error.Reason));
        }

        if (observations.Count == 0) return Problems.BadRequest("body", refusedCount == 0 ? "no events: send the recorded events as NDJSON, one CloudEvent per line" : $"none of the {refusedCount} lines is a valid event; first: line {refused[0].Line}: {refused[0].Field}: {refused[0].Reason}");
        var report = backtest.Run([parser.Parse(stored.Definition, stored.Version)], observations);
        return TypedResults.Ok(new BacktestResponse(report, refusedCount, refused));
    }

    /// <summary>A refused change as problem details: every definition error under its JSON path; null when the change was saved.</summary>
    private static ProblemHttpResult? Refused(ScenarioChange change) => change.Status switch
    {
        ScenarioChangeStatus.Invalid => TypedResults.Problem(
            title: change.Errors.Length == 1 ? change.Errors[0].ToString() : $"{change.Errors.Length} errors in the scenario definition, first {change.Errors[0]}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = change.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()) }),
        ScenarioChangeStatus.NotFound => Problems.NotFound("scenario"),
        ScenarioChangeStatus.Conflict => Problems.Conflict($"the scenario changed since: it is at version {change.Scenario?.Version ?? 0}", new Dictionary<string, object?> { ["version"] = change.Scenario?.Version ?? 0 }),
        _ => null,
    };

    private static async Task<(string? Json, ProblemHttpResult? Problem)> ReadDefinition(HttpRequest request)
    {
        if (request.ContentLength > MaxDefinitionBytes) return (null, Problems.BadRequest("body", $"a definition is at most {MaxDefinitionBytes} bytes"));
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (json.Length > MaxDefinitionBytes) return (null, Problems.BadRequest("body", $"a definition is at most {MaxDefinitionBytes} bytes"));
        if (string.IsNullOrWhiteSpace(json)) return (null, Problems.BadRequest("body", "required: the scenario definition as JSON"));
        return (json, null);
    }

    private static string? IdOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            // The registry names what is wrong with it; here only the id is wanted.
            return "";
        }
    }

    private static string Actor(string? actor) => string.IsNullOrWhiteSpace(actor) ? "api" : actor.Trim();

    private static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static ProblemHttpResult? ReadIfMatch(HttpRequest request, out int? expected)
    {
        expected = null;
        var values = request.Headers.IfMatch;
        if (values.Count == 0) return null;
        if (!EntityTagHeaderValue.TryParseList(values, out var tags) || tags.Count != 1) return Problems.BadRequest("If-Match", "must be one entity tag, the scenario's ETag, such as \"3\"");
        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any)) return null;
        if (tag.IsWeak || !int.TryParse(tag.Tag.Value?.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return Problems.BadRequest("If-Match", $"{tag} is not a scenario version (a strong tag such as \"3\", as sent in ETag)");
        }

        expected = version;
        return null;
    }
}

/// <summary>This node's scenario catalog: the registry revision it was compiled from, and the registry's own now.</summary>
public sealed record CatalogDto(long RegistryRevision, long CatalogRevision, IReadOnlyList<CatalogEntryDto> Enabled);

/// <summary>An enabled scenario in a node's catalog.</summary>
public sealed record CatalogEntryDto(string Id, int Version, string Mode);

/// <summary>A backtest's answer: the report, and the recorded lines that are not valid events (counted, the first ones named).</summary>
public sealed record BacktestResponse(BacktestReport Report, int RefusedLines, IReadOnlyList<BacktestRefusal> Refused);

/// <summary>A line of the recorded file that is not a valid event: its number (1-based), the field at fault and why.</summary>
public sealed record BacktestRefusal(int Line, string Field, string Reason);

/// <summary>A scenario version as the API shows it: the registry's record and the definition as JSON.</summary>
public sealed record ScenarioDto(string Id, int Version, string? Name, bool Enabled, string Mode, bool BuiltIn, DateTimeOffset ChangedAt, string ChangedBy, JsonElement Definition)
{
    public static ScenarioDto From(StoredScenario stored)
    {
        using var document = JsonDocument.Parse(stored.Definition, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var enabled = !root.TryGetProperty("enabled", out var e) || e.ValueKind != JsonValueKind.False;
        var mode = root.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()!.ToLowerInvariant() : "live";
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new ScenarioDto(stored.Id, stored.Version, name, enabled, mode, stored.BuiltIn, stored.ChangedAt, stored.ChangedBy, root.Clone());
    }
}
