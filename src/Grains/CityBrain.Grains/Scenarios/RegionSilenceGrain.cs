using CityBrain.Cells;
using CityBrain.Packs;

namespace CityBrain.Scenarios;

/// <inheritdoc cref="IRegionSilenceGrain"/>
[GrainType("region-silence")]
public sealed class RegionSilenceGrain(
    [PersistentState("silence", StorageNames.State)] IPersistentState<RegionSilenceState> state,
    ScenarioCatalogSource scenarios,
    CityPack pack,
    TimeProvider clock) : Grain, IRegionSilenceGrain
{
    private RegionSilenceState S => state.State;

    /// <summary>The silence condition of this watch's scenario as the catalog has it now; null once the scenario no longer runs.</summary>
    private (ScenarioDefinition Scenario, SilenceCondition Silence)? Current(string scenarioId) =>
        scenarios.Current.Silences.FirstOrDefault(s => s.Id == scenarioId) is { When: SilenceCondition silence } scenario ? (scenario, silence) : null;

    public async Task Silent(SilentPoint point)
    {
        if (S.Silent.ContainsKey(point.PointId)) return;
        S.Silent[point.PointId] = point;
        var (scenarioId, region) = RegionSilence.PartsOf(this.GetPrimaryKeyString());
        var current = Current(scenarioId);
        var fires = current is { } c && !S.Fired && S.Silent.Count >= c.Silence.AtLeast;
        if (fires) S.Fired = true;
        await state.WriteStateAsync();
        if (!fires) return;

        var trigger = RegionSilence.Outage(pack, region, S.Silent.Values, clock.GetUtcNow());
        await GrainFactory.GetGrain<ISpatialCellGrain>(pack.Cells.CellOf(trigger.Location).GrainKey)
            .ActOnFiring(new ScenarioFiringRequest(scenarioId, current!.Value.Scenario.Version, trigger, S.Silent.Count));
    }

    public async Task Heard(string pointId)
    {
        if (!S.Silent.Remove(pointId)) return;
        var threshold = Current(RegionSilence.PartsOf(this.GetPrimaryKeyString()).ScenarioId)?.Silence.AtLeast ?? 1;
        if (S.Silent.Count < threshold) S.Fired = false;
        await state.WriteStateAsync();
    }

    public Task<SilentPoint[]> GetSilent() => Task.FromResult(S.Silent.Values.OrderBy(p => p.PointId, StringComparer.Ordinal).ToArray());
}
