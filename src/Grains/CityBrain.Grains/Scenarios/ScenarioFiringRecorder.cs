using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CityBrain.Scenarios;

/// <summary>
/// Gathers this silo's scenario firing records and hands them to each scenario's <see cref="IScenarioFiringsGrain"/>
/// once per <see cref="FlushInterval"/>, one call per scenario, instead of one call per firing: a scenario that
/// fires all over the city would otherwise make its record grain a hot spot every cell waits on. The records are
/// for designers (what fired, what it did); a crash of the silo loses at most one interval of them, never an
/// incident, which the cells open before they record.
/// </summary>
public sealed class ScenarioFiringRecorder(IGrainFactory grains, TimeProvider clock, ILogger<ScenarioFiringRecorder> logger) : SiloLoop(clock, logger)
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>Past this many waiting records the oldest go, each counted in the log: the record grains are down or far behind.</summary>
    public const int MaxWaiting = 100_000;

    private readonly ConcurrentQueue<ScenarioFired> _waiting = new();

    protected override TimeSpan Interval => FlushInterval;

    protected override Task TickAsync(CancellationToken stopping) => FlushAsync();

    // What the last tick left is handed over as the silo stops.
    protected override Task StoppedAsync() => FlushAsync();

    public void Add(ScenarioFired fired)
    {
        _waiting.Enqueue(fired);
        if (_waiting.Count > MaxWaiting && _waiting.TryDequeue(out var dropped))
        {
            Logger.LogError("Scenario firing record of {Scenario} for {Trigger} dropped: {Max} records wait for their grains", dropped.ScenarioId, dropped.Trigger, MaxWaiting);
        }
    }

    /// <summary>Hand every waiting record to its scenario's grain; a batch that fails goes back to wait for the next flush.</summary>
    public async Task FlushAsync()
    {
        var batch = new List<ScenarioFired>();
        while (_waiting.TryDequeue(out var fired)) batch.Add(fired);
        if (batch.Count == 0) return;
        await Task.WhenAll(batch.GroupBy(f => f.ScenarioId).Select(async group =>
        {
            var records = group.ToArray();
            try
            {
                await grains.GetGrain<IScenarioFiringsGrain>(group.Key).Record(records);
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "Could not record {Count} firings of scenario {Scenario}; retrying at the next flush", records.Length, group.Key);
                foreach (var record in records) _waiting.Enqueue(record);
            }
        }));
    }
}
