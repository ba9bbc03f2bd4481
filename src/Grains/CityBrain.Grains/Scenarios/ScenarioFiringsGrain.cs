namespace CityBrain.Scenarios;

/// <inheritdoc cref="IScenarioFiringsGrain"/>
[GrainType("scenario-firings")]
public sealed class ScenarioFiringsGrain(
    [PersistentState("firings", StorageNames.State)] IPersistentState<ScenarioFiringsState> state) : Grain, IScenarioFiringsGrain
{
    public const int Kept = 500;

    public async Task Record(ScenarioFired[] firings)
    {
        // Each silo's recorder sends a batch at most once a second, so a write per batch stays cheap.
        foreach (var firing in firings)
        {
            if (firing.Shadow) state.State.Shadow++;
            else state.State.Live++;
            state.State.Latest.Add(firing);
        }

        var latest = state.State.Latest;
        if (latest.Count > Kept) latest.RemoveRange(0, latest.Count - Kept);
        await state.WriteStateAsync();
    }

    public Task<ScenarioFirings> Get(int limit)
    {
        var latest = state.State.Latest;
        var newestFirst = new ScenarioFired[Math.Min(limit, latest.Count)];
        for (var i = 0; i < newestFirst.Length; i++) newestFirst[i] = latest[latest.Count - 1 - i];
        return Task.FromResult(new ScenarioFirings(this.GetPrimaryKeyString(), state.State.Live, state.State.Shadow, newestFirst));
    }
}
