using System.Globalization;
using System.Text;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CityBrain.Api.Endpoints;

/// <summary>
/// Scenario management: definitions as JSON (the shape of <c>packs/scenarios/scenario.schema.json</c>), each change a
/// new version; every silo follows a change within <c>Scenarios:RefreshSeconds</c>. The ETag is the version, and
/// If-Match makes a change conditional on it. Who changes a scenario is the <c>actor</c> query parameter (1 to
/// <see cref="MaxActorLength"/> characters, no control characters; <c>api</c> when absent), recorded with each version.
/// </summary>
public static class ScenariosEndpoints
{
    public const int MaxDefinitionBytes = 1 << 20;
    public const int MaxFirings = 500;
    public const int MaxBacktestLines = 2_000_000;

    /// <summary>The largest recorded file a backtest takes, in bytes (64 MiB); a larger body is refused with 413.</summary>
    public const long MaxBacktestBytes = 64L << 20;
    public const int MaxRefusalsListed = 100;
    public const int MaxActorLength = 128;

    public static RouteGroupBuilder MapScenarios(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/scenarios").WithTags("Scenarios");
        group.MapGet("/", List).WithSummary("Every scenario: its current version, whether it is enabled, its mode and its definition");
        group.MapGet("/catalog", Catalog).WithSummary("What this node evaluates now: its catalog's registry revision (caught up when equal to the registry's) and the enabled scenarios with their versions");
        group.MapGet("/takeovers", Takeovers).WithSummary("Which live scenario holds which detection category (its detections open no incident by themselves), with who saved that version and when; and the categories the pack keeps always opening");
        group.MapGet("/{id}", Get).WithName("GetScenario").WithSummary("One scenario's current version; ETag is the version");
        group.MapPost("/", Create).WithSummary("Add a scenario from its definition (JSON); 409 if its id is taken").DisableAntiforgery();
        group.MapPut("/{id}", Save).WithSummary("Save a definition as the scenario's next version (or its first); If-Match makes it conditional").DisableAntiforgery();
        group.MapPost("/{id}/enable", Enable).WithSummary("Switch a scenario on: its next version, enabled").DisableAntiforgery();
        group.MapPost("/{id}/disable", Disable).WithSummary("Switch a scenario off: its next version, disabled").DisableAntiforgery();
        group.MapGet("/{id}/versions", Versions).WithSummary("The kept versions of a scenario, newest first");
        group.MapPost("/{id}/backtest", Backtest)
            .WithSummary("Run the scenario (its current version, or ?version=) over recorded events (NDJSON body, at most 64 MiB) with a virtual clock, within Scenarios:BacktestSeconds: the incidents it would have opened, with no side effects; cut short (report.complete false) when the budget runs out")
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

    private static async Task<Ok<CatalogDto>> Catalog(IGrainFactory grains, IScenarioCatalogSource source)
    {
        var catalog = source.Current;
        var registry = await Registry(grains).GetRevision();
        return TypedResults.Ok(new CatalogDto(registry, catalog.Revision, catalog.Scenarios.Select(s => new CatalogEntryDto(s.Id, s.Version, s.Mode.ToString().ToLowerInvariant())).ToArray()));
    }

    private static async Task<Ok<TakeoversDto>> Takeovers(IGrainFactory grains, IScenarioCatalogSource source, CityPack pack)
    {
        var catalog = source.Current;
        var stored = (await Registry(grains).GetAll()).Scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var held = catalog.TakenOver.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new TakeoverDto(p.Key, p.Value.Select(d =>
        {
            // The registry may be a version ahead of this node's catalog: who changed the version in force is known only when they agree.
            var version = stored.TryGetValue(d.Id, out var s) && s.Version == d.Version ? s : null;
            return new TakeoverHolderDto(d.Id, d.Version, version?.ChangedBy, version?.ChangedAt);
        }).ToArray())).ToArray();
        return TypedResults.Ok(new TakeoversDto(catalog.Revision, held, pack.Correlation.AlwaysOpen.Order(StringComparer.Ordinal).ToArray()));
    }

    private static async Task<Results<Ok<ScenarioDto>, ProblemHttpResult>> Get(IGrainFactory grains, HttpResponse response, string id)
    {
        if (await Registry(grains).Get(id) is not { } stored) return Problems.NotFound($"scenario '{id}'");
        response.Headers.ETag = ETagOf(stored.Version);
        return TypedResults.Ok(ScenarioDto.From(stored));
    }

    private static async Task<Results<Created<ScenarioDto>, ProblemHttpResult>> Create(IGrainFactory grains, HttpRequest request, HttpResponse response, string? actor)
    {
        if (CheckActor(actor, out var changedBy) is { } actorProblem) return actorProblem;
        var (json, problem) = await ReadDefinition(request);
        if (problem is not null) return problem;
        if (IdOf(json!) is not { } id) return Problems.BadRequest("$.id", "required: the scenario's id (lower-case letters, digits, '-' and '_')");
        var change = await Registry(grains).Save(new SaveScenario(id, json!, changedBy, ExpectedVersion: 0));
        if (change.Status == ScenarioChangeStatus.Conflict) return Problems.Conflict($"scenario '{id}' exists already (version {change.Scenario!.Version}); PUT /api/scenarios/{id} changes it", new Dictionary<string, object?> { ["version"] = change.Scenario.Version });
        if (Refused(change) is { } refused) return refused;
        response.Headers.ETag = ETagOf(change.Scenario!.Version);
        return TypedResults.Created($"/api/scenarios/{id}", ScenarioDto.From(change.Scenario));
    }

    private static async Task<Results<Ok<ScenarioDto>, Created<ScenarioDto>, ProblemHttpResult>> Save(IGrainFactory grains, HttpRequest request, HttpResponse response, string id, string? actor)
    {
        if (CheckActor(actor, out var changedBy) is { } actorProblem) return actorProblem;
        if (ReadIfMatch(request, out var expected) is { } ifMatchProblem) return ifMatchProblem;
        var (json, problem) = await ReadDefinition(request);
        if (problem is not null) return problem;
        var change = await Registry(grains).Save(new SaveScenario(id, json!, changedBy, expected));
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
        if (CheckActor(actor, out var changedBy) is { } actorProblem) return actorProblem;
        if (ReadIfMatch(request, out var expected) is { } ifMatchProblem) return ifMatchProblem;
        var change = await Registry(grains).SetEnabled(id, enabled, changedBy, expected);
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

    /// <summary>
    /// The scenario over a recorded NDJSON file. The run happens on the thread pool, not the request's thread, within
    /// <c>Scenarios:BacktestSeconds</c> from the first byte read: when the budget runs out, the answer is the report of
    /// what was evaluated so far (200, <c>report.complete</c> false, <c>cutShort</c> saying where). When the client goes
    /// away the run stops and nothing is answered.
    /// </summary>
    private static async Task<Results<Ok<BacktestResponse>, ProblemHttpResult, EmptyHttpResult>> Backtest(
        IGrainFactory grains, HttpRequest request, EventNormalizer normalizer, ScenarioParser parser, ScenarioBacktest backtest, IOptions<ScenarioOptions> options,
        string id, int? version, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBacktestBytes) return TooLarge();
        // Kestrel's own limit applies to every request alike; a recorded file has its own, set before the body is read.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBacktestBytes;
        var versions = await Registry(grains).GetVersions(id);
        if (versions.Length == 0) return Problems.NotFound($"scenario '{id}'");
        var stored = version is { } v ? versions.FirstOrDefault(s => s.Version == v) : versions[0];
        if (stored is null) return Problems.BadRequest("version", $"version {version} of '{id}' is not kept; kept: {string.Join(", ", versions.Select(s => s.Version))}");
        ScenarioDefinition definition;
        try
        {
            definition = parser.Parse(stored.Definition, stored.Version);
        }
        catch (ScenarioDefinitionException e)
        {
            // Saved under older checks or another pack: it cannot run now, and says why.
            return Problems.BadRequest("version", $"version {stored.Version} of '{id}' no longer passes the definition checks: {e.Message}");
        }

        var seconds = options.Value.BacktestSeconds;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(seconds));
        var observations = new List<Observation>();
        var refused = new List<BacktestRefusal>();
        var refusedCount = 0;
        var line = 0;
        long bytes = 0;
        var readWhole = true;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (budget.IsCancellationRequested)
                {
                    readWhole = false;
                    break;
                }

                var raw = Encoding.UTF8.GetBytes(text);
                bytes += raw.Length + 1;
                if (bytes > MaxBacktestBytes) return TooLarge();
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (line > MaxBacktestLines) return Problems.BadRequest("body", $"a backtest takes at most {MaxBacktestLines} lines");
                var result = normalizer.Normalize(raw);
                if (result.Observation is { } observation)
                {
                    observations.Add(observation);
                    continue;
                }

                // A recorded file holds what was refused live too: it is counted and named, and the rest still runs.
                if (refusedCount++ < MaxRefusalsListed) refused.Add(new BacktestRefusal(line, result.Error!.Field, result.Error.Reason));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Empty;
        }

        if (observations.Count == 0 && readWhole) return Problems.BadRequest("body", refusedCount == 0 ? "no events: send the recorded events as NDJSON, one CloudEvent per line" : $"none of the {refusedCount} lines is a valid event; first: line {refused[0].Line}: {refused[0].Field}: {refused[0].Reason}");
        BacktestReport report;
        try
        {
            report = await Task.Run(() => backtest.Run([definition], observations, budget.Token), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Empty;
        }

        if (cancellationToken.IsCancellationRequested) return TypedResults.Empty;
        string? cutShort = null;
        if (!readWhole) cutShort = $"the time budget of {seconds} s (Scenarios:BacktestSeconds) ran out while reading, at line {line}: the report covers the {report.Observations} events before it";
        else if (!report.Complete) cutShort = $"the time budget of {seconds} s (Scenarios:BacktestSeconds) ran out after {report.Observations} of {observations.Count} events: the report covers those";
        return TypedResults.Ok(new BacktestResponse(report with { Complete = cutShort is null }, refusedCount, refused, cutShort));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: $"body: a backtest takes a recorded file of at most {MaxBacktestBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"at most {MaxBacktestBytes} bytes"] } });

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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The registry names what is wrong with it (bad JSON, an id that is not text); here only the id is wanted.
            return "";
        }
    }

    /// <summary>Who makes a change, as recorded with the version: the <c>actor</c> parameter, <c>api</c> when absent.</summary>
    private static ProblemHttpResult? CheckActor(string? actor, out string changedBy)
    {
        changedBy = string.IsNullOrWhiteSpace(actor) ? "api" : actor.Trim();
        if (changedBy.Length > MaxActorLength) return Problems.BadRequest("actor", $"must be 1 to {MaxActorLength} characters, not {changedBy.Length}");
        return changedBy.Any(char.IsControl) ? Problems.BadRequest("actor", "must not hold control characters") : null;
    }

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
