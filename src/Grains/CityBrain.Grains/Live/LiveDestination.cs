using CityBrain.Incidents;
using Microsoft.Extensions.Logging;

namespace CityBrain.Live;

/// <summary>
/// What one node's relay has for one feed: a bounded queue of changes and one batch in flight at a time. While a
/// batch is on its way the next changes gather, so a quiet city sends each change at once and a busy one sends few,
/// large batches. Every change gets a number when it is added, kept or not: when the queue is full a change is
/// dropped, and the feed learns of it from the hole in the numbers (<see cref="LiveChangeBatch"/>).
/// </summary>
internal sealed class LiveDestination(Guid feed, Func<LiveChangeBatch, Task> deliver, int capacity, ILogger logger)
{
    /// <summary>At most this many changes in one batch.</summary>
    public const int MaxBatch = 512;

    /// <summary>A batch that cannot be delivered is tried this many times in all, then given up (a hole in the numbers).</summary>
    private const int Attempts = 4;

    private readonly Lock _gate = new();
    private readonly Queue<(long Number, IncidentChanged Change)> _pending = new();
    private readonly Guid _source = Guid.NewGuid();
    private long _next;
    private long _sentThrough;
    private long _dropped;
    private bool _sending;
    private bool _closed;

    public Guid Feed => feed;

    /// <summary>When the registry last listed the feed (a local feed: when it attached).</summary>
    public DateTimeOffset LastListed { get; set; }

    /// <summary>Changes dropped because the queue was full, since this destination was made.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(IncidentChanged change)
    {
        lock (_gate)
        {
            if (_closed) return;
            var number = _next++;
            if (_pending.Count < capacity) _pending.Enqueue((number, change));
            else _dropped++;
            if (_sending) return;
            _sending = true;
        }

        // Off the grain's turn: the publishing grain never waits for a feed.
        _ = Task.Run(SendLoop);
    }

    /// <summary>Stop sending; what is queued is dropped (the feed is gone).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _pending.Clear();
        }
    }

    private async Task SendLoop()
    {
        while (true)
        {
            LiveChangeBatch batch;
            lock (_gate)
            {
                if (_closed || (_pending.Count == 0 && _sentThrough == _next))
                {
                    _sending = false;
                    return;
                }

                batch = _pending.Count == 0 ? new LiveChangeBatch(_source, _next, []) : Take();
            }

            await Send(batch);
            lock (_gate) _sentThrough = batch.First + batch.Changes.Length;
        }
    }

    /// <summary>The next run of consecutive numbers from the head of the queue (under the lock).</summary>
    private LiveChangeBatch Take()
    {
        var first = _pending.Peek().Number;
        var changes = new List<IncidentChanged>(Math.Min(_pending.Count, MaxBatch));
        while (changes.Count < MaxBatch && _pending.TryPeek(out var head) && head.Number == first + changes.Count)
        {
            changes.Add(_pending.Dequeue().Change);
        }

        return new LiveChangeBatch(_source, first, [.. changes]);
    }

    private async Task Send(LiveChangeBatch batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deliver(batch);
                return;
            }
            catch (Exception e) when (attempt < Attempts)
            {
                logger.LogDebug("Live feed {Feed}: a batch of {Count} changes not delivered ({Type}: {Message}); trying again", feed, batch.Changes.Length, e.GetType().Name, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100 << (2 * (attempt - 1))));
            }
            catch (Exception e)
            {
                // The feed is told of the hole by the next batch's numbers.
                logger.LogWarning("Live feed {Feed}: {Count} changes given up after {Attempts} attempts ({Type}: {Message})", feed, batch.Changes.Length, Attempts, e.GetType().Name, e.Message);
                return;
            }
        }
    }
}
