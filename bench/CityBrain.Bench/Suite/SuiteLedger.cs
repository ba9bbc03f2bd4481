using System.Diagnostics;

namespace CityBrain.Bench.Suite;

/// <summary>
/// What one run's publisher sent and what came back: the publish time of each event by its number
/// (<see cref="FeedEventId"/>, an array rather than a dictionary, so a million events cost 8 MB), the answers, and
/// the first incident change on the live stream caused by each detection or report. Thread-safe.
/// </summary>
public sealed class SuiteLedger : IPublishLedger
{
    private readonly long _first;
    private readonly long[] _sentAt;
    private readonly bool[] _seen;
    private readonly List<double> _latenciesMs = [];
    private readonly Lock _gate = new();
    private readonly List<string> _rejected = [];
    private long _accepted;
    private long _rejectedCount;
    private long _lastSightingAt;

    /// <param name="firstNumber">Number of the first event of the feed.</param>
    /// <param name="events">Events the feed holds.</param>
    public SuiteLedger(long firstNumber, int events)
    {
        _first = firstNumber;
        _sentAt = new long[events];
        _seen = new bool[events];
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejectedCount);

    /// <summary>Events answered either way.</summary>
    public long Answered => Accepted + Rejected;

    /// <summary>The first rejected events' ids (at most 10).</summary>
    public IReadOnlyList<string> RejectedExamples
    {
        get
        {
            lock (_gate) return [.. _rejected];
        }
    }

    /// <summary>Detections and reports whose change has been seen on the live stream.</summary>
    public int Sightings
    {
        get
        {
            lock (_gate) return _latenciesMs.Count;
        }
    }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the latest sighting; 0 before the first.</summary>
    public long LastSightingAt => Interlocked.Read(ref _lastSightingAt);

    public void MarkSending(ReplayEvent replayEvent)
    {
        if (Index(replayEvent.Key) is { } i) Interlocked.CompareExchange(ref _sentAt[i], Stopwatch.GetTimestamp(), 0);
    }

    public void MarkAccepted(int count) => Interlocked.Add(ref _accepted, count);

    public void MarkRejected(ReplayEvent replayEvent)
    {
        Interlocked.Increment(ref _rejectedCount);
        lock (_gate)
        {
            if (_rejected.Count < 10) _rejected.Add(replayEvent.Key?.Id ?? "(no id)");
        }
    }

    /// <summary>An incident change on the live stream, caused by the event <paramref name="cause"/>, arrived at <paramref name="timestamp"/>.</summary>
    public void MarkSighting(EventKey cause, long timestamp)
    {
        if (cause.Source != FeedEventId.Source
            || !FeedEventId.TryParse(cause.Id, out var number, out var kind, out _)
            || kind is not (FeedEventKind.Detection or FeedEventKind.Report)
            || number < _first || number - _first >= _sentAt.Length)
        {
            return;
        }

        var i = number - _first;
        var sentAt = Interlocked.Read(ref _sentAt[i]);
        if (sentAt == 0) return;
        lock (_gate)
        {
            if (_seen[i]) return;
            _seen[i] = true;
            _latenciesMs.Add(Stopwatch.GetElapsedTime(sentAt, timestamp).TotalMilliseconds);
        }

        Interlocked.Exchange(ref _lastSightingAt, timestamp);
    }

    /// <summary>Publish-to-change latencies of the detections and reports seen, in milliseconds.</summary>
    public LatencyStats? Latency()
    {
        lock (_gate) return LatencyStats.From(_latenciesMs);
    }

    private long? Index(EventKey? key) =>
        key is { } k && k.Source == FeedEventId.Source && FeedEventId.TryParse(k.Id, out var number, out _, out _) && number >= _first && number - _first < _sentAt.Length
            ? number - _first
            : null;
}
