using CityBrain.Packs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Scenarios;

/// <summary>
/// This silo's copy of the city's scenario catalog, for its cells to read without a call. It checks the registry's
/// revision every <see cref="ScenarioOptions.RefreshSeconds"/> and, when it moved, fetches the definitions and
/// compiles a new catalog, swapped in whole: a cell sees either the old catalog or the new one, never a mix. A
/// change therefore takes effect on every silo within one interval plus a fetch, without a restart.
/// </summary>
public sealed class ScenarioCatalogSource(
    IGrainFactory grains,
    ScenarioCompiler compiler,
    CityPack pack,
    TimeProvider clock,
    IOptions<ScenarioOptions> options,
    ILogger<ScenarioCatalogSource> logger) : SiloLoop(clock, logger), IScenarioCatalogSource
{
    private volatile ScenarioCatalog _current = ScenarioCatalog.Empty;
    private volatile bool _loaded;

    /// <inheritdoc/>
    public ScenarioCatalog Current => _current;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.RefreshSeconds);

    protected override Task TickAsync(CancellationToken stopping) => RefreshAsync(stopping);

    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        // The first catalog is loaded before the silo takes traffic, so no event of a restart goes unevaluated.
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Scenario catalog not loaded at start; retrying every {Seconds} s", options.Value.RefreshSeconds);
        }
    }

    /// <summary>Fetch and compile the registry's scenarios if its revision moved; returns the catalog then current.</summary>
    public async Task<ScenarioCatalog> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var registry = grains.GetGrain<IScenarioRegistryGrain>(IScenarioRegistryGrain.CityKey);
        if (_loaded && await registry.GetRevision() == _current.Revision) return _current;
        var set = await registry.GetAll();
        var catalog = compiler.Compile(set);
        var silencesBefore = _current.Silences;
        _current = catalog;
        _loaded = true;
        if (catalog.Silences.Count > 0 && !catalog.Silences.SequenceEqual(silencesBefore)) _ = WakeRegisteredPoints(catalog, Stopping);
        Logger.LogInformation("Scenario catalog revision {Revision}: {Enabled} of {Total} scenarios enabled", catalog.Revision, catalog.Scenarios.Count, set.Scenarios.Length);
        if (catalog.TakenOver.Count > 0)
        {
            Logger.LogInformation("Detections that open no incident by themselves (a live scenario decides): {TakenOver}",
                string.Join("; ", catalog.TakenOver.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} by {string.Join(", ", p.Value.Select(d => $"{d.Id} v{d.Version}"))}")));
        }

        return catalog;
    }

    /// <summary>
    /// A silence scenario must watch the registered points that have not reported since this silo started (a
    /// camera that went dark with the power): activate them, so each starts its watch. Idempotent, and done by
    /// every silo, since any of them may be the one that hosts a point.
    /// </summary>
    private async Task WakeRegisteredPoints(ScenarioCatalog catalog, CancellationToken stopping)
    {
        var kinds = catalog.Silences.Select(s => (SilenceCondition)s.When).ToArray();
        var points = pack.Points.Values.Where(p => kinds.Any(k => k.Counts(p.Kind))).Select(p => p.Id).ToArray();
        try
        {
            await Parallel.ForEachAsync(points, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = stopping },
                async (id, _) => await grains.GetGrain<Points.IPointGrain>(id).WatchSilence());
            Logger.LogInformation("Silence scenarios watch {Count} registered points", points.Length);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            Logger.LogWarning(e, "Not every registered point could start its silence watch; the rest start when they next report");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
