using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;
using Orleans.Runtime;

namespace CityBrain.Scenarios;

/// <summary>Persisted state of <see cref="RegionSilenceGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.RegionSilenceState")]
public sealed class RegionSilenceState
{
    [Id(0)] public Dictionary<string, SilentPoint> Silent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The current outage has fired; reset when the silent points fall below the threshold.</summary>
    [Id(1)] public bool Fired { get; set; }
}

/// <inheritdoc cref="IRegionSilenceGrain"/>
[GrainType("region-silence")]
public sealed class RegionSilenceGrain(
    [PersistentState("silence", StorageNames.State)] IPersistentState<RegionSilenceState> state,
    ScenarioCatalogSource scenarios,
    CityPack pack,
    TimeProvider clock) : Grain, IRegionSilenceGrain
{
    public const string Source = "silence";

    private RegionSilenceState S => state.State;

    public static string KeyOf(string scenarioId, string regionCode) => $"{scenarioId}|{regionCode}";

    /// <summary>The scenario and region of a watch key; region codes contain no '|', scenario ids neither.</summary>
    public static (string ScenarioId, string Region) PartsOf(string key) => (key[..key.LastIndexOf('|')], key[(key.LastIndexOf('|') + 1)..]);

    /// <summary>The silence condition of this watch's scenario as the catalog has it now; null once the scenario no longer runs.</summary>
    private (ScenarioDefinition Scenario, SilenceCondition Silence)? Current(string scenarioId) =>
        scenarios.Current.Silences.FirstOrDefault(s => s.Id == scenarioId) is { When: SilenceCondition silence } scenario ? (scenario, silence) : null;

    public async Task Silent(SilentPoint point)
    {
        if (S.Silent.ContainsKey(point.PointId)) return;
        S.Silent[point.PointId] = point;
        var (scenarioId, region) = PartsOf(this.GetPrimaryKeyString());
        var current = Current(scenarioId);
        var fires = current is { } c && !S.Fired && S.Silent.Count >= c.Silence.AtLeast;
        if (fires) S.Fired = true;
        await state.WriteStateAsync();
        if (!fires) return;

        var trigger = Outage(pack, region, S.Silent.Values, clock.GetUtcNow());
        await GrainFactory.GetGrain<ISpatialCellGrain>(pack.Cells.CellOf(trigger.Location).GrainKey)
            .ActOnFiring(new ScenarioFiringRequest(scenarioId, current!.Value.Scenario.Version, trigger, S.Silent.Count));
    }

    public async Task Heard(string pointId)
    {
        if (!S.Silent.Remove(pointId)) return;
        var threshold = Current(PartsOf(this.GetPrimaryKeyString()).ScenarioId)?.Silence.AtLeast ?? 1;
        if (S.Silent.Count < threshold) S.Fired = false;
        await state.WriteStateAsync();
    }

    public Task<SilentPoint[]> GetSilent() => Task.FromResult(S.Silent.Values.OrderBy(p => p.PointId, StringComparer.Ordinal).ToArray());

    /// <summary>The outage as an observation: at the silent points' centre, keyed by the region and the moment it was decided.</summary>
    internal static Observation Outage(CityPack pack, string region, IReadOnlyCollection<SilentPoint> points, DateTimeOffset at)
    {
        var centre = new GeoPoint(points.Average(p => p.Location.Longitude), points.Average(p => p.Location.Latitude));
        var regions = pack.Regions.Locate(centre)?.Path ?? points.First().Regions;
        var since = points.Min(p => p.SilentSince);
        return new Observation(new EventKey(Source, $"{region}/{at:O}"), $"region:{region}", ObservationKind.Scenario, "silence", centre, at, regions,
            points.Count, Description: $"{points.Count} points of {region} silent, the first since {since:O}");
    }
}
