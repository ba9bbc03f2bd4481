using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Orleans.Runtime;

namespace CityBrain.Points;

/// <inheritdoc cref="IPointGrain"/>
[GrainType("point")]
public sealed partial class PointGrain(
    [PersistentState("point", StorageNames.State)] IPersistentState<PointState> state,
    CityPack pack,
    ScenarioCatalogSource scenarios,
    TimeProvider clock) : Grain, IPointGrain
{
    private readonly RecentEventKeys _recent = new();
    private DateTimeOffset? _lastSeenAt;
    private long _accepted;
    private long _duplicates;
    private Observation? _lastReading;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Silence is counted from when this activation began to listen: a point never heard since a restart gets one full period.
        _heardAt = clock.GetUtcNow();
        ArmSilenceWatch();
        return Task.CompletedTask;
    }

    public async Task<ObservationOutcome[]> Report(Observation[] observations)
    {
        var outcomes = new ObservationOutcome[observations.Length];
        if (!pack.Points.ContainsKey(this.GetPrimaryKeyString()) && state.State.Provisional is null && observations.Length > 0)
        {
            var first = observations[0];
            var kind = PointKinds.OfFirst(first.Kind);
            state.State.Provisional = new ProvisionalPoint(kind, first.Location, first.Regions, first.Key, clock.GetUtcNow());
            await state.WriteStateAsync();
        }

        await HeardAgain();

        // Keys are remembered only after their cell has taken them: if a cell call fails, the redelivery must not
        // be mistaken for a duplicate.
        var inBatch = new HashSet<EventKey>();
        var catalog = scenarios.Current;
        Dictionary<string, List<int>>? byCell = null;
        for (var i = 0; i < observations.Length; i++)
        {
            var observation = observations[i];
            if (_recent.Contains(observation.Key) || !inBatch.Add(observation.Key))
            {
                outcomes[i] = ObservationOutcome.Duplicate;
                continue;
            }

            if (_lastSeenAt is null || observation.ObservedAt > _lastSeenAt) _lastSeenAt = observation.ObservedAt;
            if (observation.Kind == ObservationKind.Reading && (_lastReading is null || observation.ObservedAt >= _lastReading.ObservedAt)) _lastReading = observation;
            if (!observation.GoesToCell && !catalog.Watches(observation.Kind, observation.Category))
            {
                outcomes[i] = ObservationOutcome.Recorded;
                continue;
            }

            byCell ??= [];
            var cell = pack.Cells.CellOf(observation.Location).GrainKey;
            if (!byCell.TryGetValue(cell, out var indices)) byCell[cell] = indices = [];
            indices.Add(i);
        }

        if (byCell is not null)
        {
            await Task.WhenAll(byCell.Select(async group =>
            {
                var batch = group.Value.Select(i => observations[i]).ToArray();
                var results = await GrainFactory.GetGrain<ISpatialCellGrain>(group.Key).Correlate(batch);
                for (var j = 0; j < results.Length; j++) outcomes[group.Value[j]] = results[j];
            }));
        }

        for (var i = 0; i < observations.Length; i++)
        {
            if (outcomes[i] == ObservationOutcome.Duplicate) _duplicates++;
            else _accepted++;
            _recent.Add(observations[i].Key);
        }

        return outcomes;
    }

    public Task<PointView?> Get()
    {
        var id = this.GetPrimaryKeyString();
        PointView? view = pack.Points.TryGetValue(id, out var registered)
            ? new PointView(id, registered.Kind, registered.Name, registered.Location, registered.Regions, false, _lastSeenAt, _accepted, _duplicates, _lastReading)
            : state.State.Provisional is { } p
                ? new PointView(id, p.Kind, null, p.Location, p.Regions, true, _lastSeenAt, _accepted, _duplicates, _lastReading)
                : null;
        return Task.FromResult(view);
    }
}
