using System.Diagnostics;

namespace CityBrain.Bench;

/// <summary>
/// Thread-safe bookkeeping shared by the publishers and the SSE listener: publish times, outcomes and first sightings.
/// A single lock is enough: contention is bounded by the 64 in-flight publishes and one SSE reader.
/// </summary>
public sealed class ReplayLedger : IPublishLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EventKey, long> _publishedAt = [];
    private readonly HashSet<EventKey> _expected = [];
    private readonly HashSet<EventKey> _seen = [];
    private readonly List<double> _latenciesMs = [];
    private long _accepted;
    private long _rejected;
    private int _seenExpected;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Sent => Accepted + Rejected;

    public int ExpectedCount
    {
        get { lock (_gate) { return _expected.Count; } }
    }

    public int SeenExpected
    {
        get { lock (_gate) { return _seenExpected; } }
    }

    public int SeenTotal
    {
        get { lock (_gate) { return _seen.Count; } }
    }

    public int Outstanding
    {
        get { lock (_gate) { return _expected.Count - _seenExpected; } }
    }

    /// <summary>Call immediately before the bytes go out, so queueing inside the bench is not counted as platform latency.</summary>
    public void MarkSending(ReplayEvent replayEvent)
    {
        if (replayEvent.Key is not { } key)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            // A key repeated in the file keeps its first publish time: the platform's first sighting answers the first send.
            _publishedAt.TryAdd(key, now);
            if (replayEvent.ExpectsIncident && _expected.Add(key) && _seen.Contains(key))
            {
                _seenExpected++;
            }
        }
    }

    public void MarkAccepted(int count) => Interlocked.Add(ref _accepted, count);

    /// <summary>A rejected event will never be seen, so it stops counting towards the wait for sightings.</summary>
    public void MarkRejected(ReplayEvent replayEvent)
    {
        Interlocked.Increment(ref _rejected);
        if (replayEvent.Key is not { } key)
        {
            return;
        }

        lock (_gate)
        {
            if (_expected.Remove(key) && _seen.Contains(key))
            {
                _seenExpected--;
            }
        }
    }

    public void MarkSighting(EventKey key, long timestamp)
    {
        lock (_gate)
        {
            if (!_publishedAt.TryGetValue(key, out var publishedAt) || !_seen.Add(key))
            {
                return;
            }

            _latenciesMs.Add(Stopwatch.GetElapsedTime(publishedAt, timestamp).TotalMilliseconds);
            if (_expected.Contains(key))
            {
                _seenExpected++;
            }
        }
    }

    public double[] LatenciesMs()
    {
        lock (_gate)
        {
            return [.. _latenciesMs];
        }
    }
}
