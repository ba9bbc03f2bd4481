using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;

namespace CityBrain.Scenarios;

/// <summary>
/// Silence scenarios on a virtual clock, for a backtest: what the points' timers and the region watches do live,
/// with the observations' own times. The registered points the scenarios count are watched from the first event
/// on; other points from their first event. Not thread-safe; one per run.
/// </summary>
internal sealed class SilenceSimulation
{
    private readonly CityPack _pack;
    private readonly IReadOnlyList<ScenarioDefinition> _silences;
    private readonly Dictionary<string, (string Kind, GeoPoint Location, RegionPath Regions, DateTimeOffset HeardAt)> _points = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string Point, int Scenario), DateTimeOffset> _due = new();
    private readonly Dictionary<string, Dictionary<string, SilentPoint>> _silentByWatch = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firedWatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _watchesSilentIn = new(StringComparer.Ordinal);
    private bool _started;

    public SilenceSimulation(CityPack pack, ScenarioCatalog catalog)
    {
        _pack = pack;
        _silences = catalog.Silences;
    }

    /// <summary>Let virtual time pass up to <paramref name="now"/>: points fall silent, and the watches that reach their threshold fire, in time order.</summary>
    public IEnumerable<ScenarioFiring> AdvanceTo(DateTimeOffset now)
    {
        if (_silences.Count == 0) yield break;
        if (!_started)
        {
            _started = true;
            foreach (var point in _pack.Points.Values) Watch(point.Id, point.Kind, point.Location, point.Regions, now);
        }

        while (_due.TryPeek(out var entry, out var at) && at <= now)
        {
            _due.Dequeue();
            var point = _points[entry.Point];
            var scenario = _silences[entry.Scenario];
            var silence = (SilenceCondition)scenario.When;
            if (SaturatingTime.Plus(point.HeardAt, silence.For) > at) continue;
            var region = point.Regions.Codes[silence.LevelDepth];
            var watch = RegionSilence.KeyOf(scenario.Id, region);
            if (!_silentByWatch.TryGetValue(watch, out var silent)) _silentByWatch[watch] = silent = new(StringComparer.Ordinal);
            if (!silent.TryAdd(entry.Point, new SilentPoint(entry.Point, point.Location, point.Regions, point.HeardAt))) continue;
            if (!_watchesSilentIn.TryGetValue(entry.Point, out var watches)) _watchesSilentIn[entry.Point] = watches = [];
            watches.Add(watch);
            if (silent.Count < silence.AtLeast || !_firedWatches.Add(watch)) continue;
            yield return new ScenarioFiring(scenario, RegionSilence.Outage(_pack, region, silent.Values, at), silent.Count);
        }
    }

    /// <summary>An observation was heard from its point at its time.</summary>
    public void Heard(Observation o)
    {
        if (_silences.Count == 0) return;
        var known = _points.TryGetValue(o.PointId, out var point);
        var kind = known ? point.Kind : _pack.Points.TryGetValue(o.PointId, out var registered) ? registered.Kind : Points.PointKinds.OfFirst(o.Kind);
        if (_watchesSilentIn.Remove(o.PointId, out var watches))
        {
            foreach (var watch in watches)
            {
                var silent = _silentByWatch[watch];
                silent.Remove(o.PointId);
                var scenarioId = RegionSilence.PartsOf(watch).ScenarioId;
                if (silent.Count < ((SilenceCondition)_silences.First(s => s.Id == scenarioId).When).AtLeast) _firedWatches.Remove(watch);
            }
        }

        Watch(o.PointId, kind, known ? point.Location : o.Location, known ? point.Regions : o.Regions, o.ObservedAt);
    }

    private void Watch(string id, string kind, GeoPoint location, RegionPath regions, DateTimeOffset heardAt)
    {
        _points[id] = (kind, location, regions, heardAt);
        for (var i = 0; i < _silences.Count; i++)
        {
            var silence = (SilenceCondition)_silences[i].When;
            if (!silence.Counts(kind) || !_silences[i].Covers(regions) || regions.Codes.Length <= silence.LevelDepth) continue;
            _due.Enqueue((id, i), SaturatingTime.Plus(heardAt, silence.For));
        }
    }
}
