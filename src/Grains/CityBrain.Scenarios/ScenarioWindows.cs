using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>
/// What scenario evaluation remembers for one area (a cell, or the whole city in a backtest): recent observations
/// that counts and groups look back at, per kind and topic; each point's previous reading per metric, for rates;
/// and each sustained condition's run per point. Bounded: observations are kept only as long as some scenario looks
/// back, never longer than <see cref="MaxLookBack"/>, and at most <see cref="Capacity"/> per kind and topic;
/// readings and runs at most <see cref="Capacity"/> each, the oldest dropped first. Not thread-safe (a grain is
/// single-threaded).
/// </summary>
public sealed class ScenarioWindows(int capacity = ScenarioWindows.DefaultCapacity)
{
    /// <summary>Observations a cell keeps per kind and topic: no count can need more than this many.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>
    /// The longest a cell keeps an observation, in minutes (7 days): windows live in an activation's memory (lost
    /// on failover, not written per event), and a point's silence timer must fit a grain timer. Every duration a
    /// scenario definition names is bounded by it.
    /// </summary>
    public const int MaxLookBackMinutes = 7 * 24 * 60;

    /// <summary><see cref="MaxLookBackMinutes"/> as a span.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromMinutes(MaxLookBackMinutes);

    private readonly Dictionary<(ObservationKind, string), List<Remembered>> _recent = [];
    private readonly Dictionary<(string Point, string Metric), (DateTimeOffset At, double Value)> _lastReadings = [];
    private readonly Dictionary<RunKey, Run> _runs = new(RunKeyComparer.Instance);

    /// <summary>An observation as windows keep it: with its rate per minute (readings) and its local time in the city.</summary>
    public readonly record struct Remembered(Observation Observation, double? RatePerMinute, DateTime LocalTime);

    internal sealed class Run
    {
        public DateTimeOffset Start;
        public DateTimeOffset LastMatch;
        public bool Fired;
    }

    private readonly record struct RunKey(SustainedCondition Condition, string Point);

    public int Capacity { get; } = capacity;

    /// <summary>The catalog revision the runs belong to: runs are kept per condition, and a new catalog has new ones.</summary>
    public long Revision { get; private set; } = -1;

    /// <summary>Observations kept for a kind and topic, in the order they arrived.</summary>
    public IReadOnlyList<Remembered> Recent(ObservationKind kind, string topic) =>
        _recent.TryGetValue((kind, topic), out var list) ? list : [];

    public int RememberedCount => _recent.Values.Sum(l => l.Count);

    /// <summary>Start following a catalog: runs of the previous one go; remembered observations and readings stay.</summary>
    public void Follow(ScenarioCatalog catalog)
    {
        if (Revision == catalog.Revision) return;
        _runs.Clear();
        Revision = catalog.Revision;
    }

    /// <summary>A reading's change per minute since its point's previous reading of the metric (null for the first, or at the same instant); records this one.</summary>
    public double? TakeRate(Observation reading)
    {
        if (reading.Metric is not { } metric || reading.Value is not { } value) return null;
        var key = (reading.PointId, metric);
        double? rate = null;
        if (_lastReadings.TryGetValue(key, out var previous))
        {
            if (reading.ObservedAt < previous.At) return null;
            var minutes = (reading.ObservedAt - previous.At).TotalMinutes;
            if (minutes > 0) rate = (value - previous.Value) / minutes;
        }
        else if (_lastReadings.Count >= Capacity)
        {
            _lastReadings.Remove(_lastReadings.MinBy(p => p.Value.At).Key);
        }

        _lastReadings[key] = (reading.ObservedAt, value);
        return rate;
    }

    /// <summary>Keep an observation for <paramref name="lookBack"/> after the newest one of its kind and topic.</summary>
    public void Remember(Remembered remembered, TimeSpan lookBack)
    {
        var o = remembered.Observation;
        var key = (o.Kind, o.Category);
        if (!_recent.TryGetValue(key, out var list)) _recent[key] = list = [];
        list.Add(remembered);
        var horizon = SaturatingTime.Minus(o.ObservedAt, lookBack < MaxLookBack ? lookBack : MaxLookBack);
        var expired = 0;
        while (expired < list.Count && (list[expired].Observation.ObservedAt < horizon || list.Count - expired > Capacity)) expired++;
        if (expired > 0) list.RemoveRange(0, expired);
    }

    /// <summary>Whether the observation is already kept (a neighbour's share arriving twice).</summary>
    public bool Holds(Observation o)
    {
        if (!_recent.TryGetValue((o.Kind, o.Category), out var list)) return false;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Observation.Key == o.Key) return true;
        }

        return false;
    }

    /// <summary>Extend or break the point's run of a sustained condition with this observation of its kind and topic.</summary>
    internal void Advance(SustainedCondition condition, Observation o, bool matches)
    {
        var key = new RunKey(condition, o.PointId);
        if (!matches)
        {
            _runs.Remove(key);
            return;
        }

        if (_runs.TryGetValue(key, out var run))
        {
            if (o.ObservedAt < run.LastMatch) return;
            if (o.ObservedAt - run.LastMatch > condition.MaxGap)
            {
                run.Start = o.ObservedAt;
                run.Fired = false;
            }

            run.LastMatch = o.ObservedAt;
            return;
        }

        if (_runs.Count >= Capacity) _runs.Remove(_runs.MinBy(p => p.Value.LastMatch).Key);
        _runs[key] = new Run { Start = o.ObservedAt, LastMatch = o.ObservedAt };
    }

    internal Run? RunOf(SustainedCondition condition, string point) => _runs.GetValueOrDefault(new RunKey(condition, point));

    /// <summary>Runs are per condition object: two scenarios with equal conditions keep runs of their own.</summary>
    private sealed class RunKeyComparer : IEqualityComparer<RunKey>
    {
        public static readonly RunKeyComparer Instance = new();

        public bool Equals(RunKey x, RunKey y) => ReferenceEquals(x.Condition, y.Condition) && string.Equals(x.Point, y.Point, StringComparison.Ordinal);

        public int GetHashCode(RunKey key) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Condition), StringComparer.Ordinal.GetHashCode(key.Point));
    }
}
