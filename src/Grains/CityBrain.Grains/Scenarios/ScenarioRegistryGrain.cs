using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CityBrain.Scenarios;

/// <inheritdoc cref="IScenarioRegistryGrain"/>
[GrainType("scenario-registry")]
public sealed class ScenarioRegistryGrain(
    [PersistentState("scenarios", StorageNames.State)] IPersistentState<ScenarioRegistryState> state,
    ScenarioParser parser,
    IOptions<ScenarioOptions> options,
    TimeProvider clock,
    ILogger<ScenarioRegistryGrain> logger) : Grain, IScenarioRegistryGrain
{
    public const int VersionsKept = 20;
    private const string SystemActor = "system";

    private ScenarioRegistryState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BuiltInFolder is not { } folder || !Directory.Exists(folder)) return;
        var added = 0;
        foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            ScenarioDefinition definition;
            try
            {
                definition = parser.Parse(json, version: 1);
            }
            catch (ScenarioDefinitionException e)
            {
                // A built-in that does not fit this city's pack is left out, and said so; the others still load.
                logger.LogWarning("Built-in scenario {File} was not added: {Errors}", Path.GetFileName(file), e.Message);
                continue;
            }

            if (!S.BuiltInsAdded.Add(definition.Id) || S.Versions.ContainsKey(definition.Id)) continue;
            if (!options.Value.EnableBuiltIns) json = WithEnabled(json, false);
            S.Versions[definition.Id] = [new StoredScenario(definition.Id, 1, json, clock.GetUtcNow(), SystemActor, BuiltIn: true)];
            added++;
        }

        if (added == 0) return;
        S.Revision++;
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Added {Count} built-in scenarios ({State})", added, options.Value.EnableBuiltIns ? "enabled" : "disabled until switched on");
    }

    public Task<long> GetRevision() => Task.FromResult(S.Revision);

    public Task<ScenarioSet> GetAll() =>
        Task.FromResult(new ScenarioSet(S.Revision, S.Versions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value[0]).ToArray()));

    public Task<StoredScenario?> Get(string id) => Task.FromResult(S.Versions.TryGetValue(id, out var versions) ? versions[0] : null);

    public Task<StoredScenario[]> GetVersions(string id) => Task.FromResult(S.Versions.TryGetValue(id, out var versions) ? versions.ToArray() : []);

    public async Task<ScenarioChange> Save(SaveScenario command)
    {
        var current = S.Versions.TryGetValue(command.Id, out var versions) ? versions[0] : null;
        if (command.ExpectedVersion is { } expected && expected != (current?.Version ?? 0)) return new ScenarioChange(ScenarioChangeStatus.Conflict, current, []);
        if (current is null && S.Versions.Count >= ScenarioLimits.MaxScenarios)
        {
            return new ScenarioChange(ScenarioChangeStatus.Invalid, null, [new ScenarioError("$.id", $"the registry holds at most {ScenarioLimits.MaxScenarios} scenarios; change or disable one instead")]);
        }
        var next = (current?.Version ?? 0) + 1;
        ScenarioDefinition definition;
        try
        {
            definition = parser.Parse(command.Definition, next);
            if (definition.Id != command.Id)
            {
                return new ScenarioChange(ScenarioChangeStatus.Invalid, null, [new ScenarioError("$.id", $"'{definition.Id}' is not '{command.Id}', the id the scenario is saved under")]);
            }
        }
        catch (ScenarioDefinitionException e)
        {
            return new ScenarioChange(ScenarioChangeStatus.Invalid, null, e.Errors.ToArray());
        }

        var saved = new StoredScenario(command.Id, next, command.Definition, clock.GetUtcNow(), command.ChangedBy, current?.BuiltIn ?? false);
        if (versions is null) S.Versions[command.Id] = versions = [];
        versions.Insert(0, saved);
        if (versions.Count > VersionsKept) versions.RemoveRange(VersionsKept, versions.Count - VersionsKept);
        S.Revision++;
        await state.WriteStateAsync();
        if (definition.TakenOverCategories.Count > 0)
        {
            // Taking a category's opening away from its detections is the one change that can silence a kind of
            // incident city-wide: say who did it, every time.
            logger.LogWarning("Scenario {Id} v{Version} saved by {Actor} ({State}): it takes over the opening of detections of {Categories}",
                command.Id, next, command.ChangedBy, definition is { Enabled: true, Mode: ScenarioMode.Live } ? "live" : "not live", string.Join(", ", definition.TakenOverCategories));
        }

        return new ScenarioChange(current is null ? ScenarioChangeStatus.Created : ScenarioChangeStatus.Updated, saved, []);
    }

    public Task<ScenarioChange> SetEnabled(string id, bool enabled, string changedBy, int? expectedVersion = null)
    {
        if (!S.Versions.TryGetValue(id, out var versions)) return Task.FromResult(new ScenarioChange(ScenarioChangeStatus.NotFound, null, []));
        return Save(new SaveScenario(id, WithEnabled(versions[0].Definition, enabled), changedBy, expectedVersion ?? versions[0].Version));
    }

    private static string WithEnabled(string json, bool enabled)
    {
        var node = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        node["enabled"] = enabled;
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
