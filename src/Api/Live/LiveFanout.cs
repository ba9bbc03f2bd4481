using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CityBrain.Api.Live;

/// <summary>
/// Fans a feed out to this node's live clients, each with its own filter and a queue of at most
/// <paramref name="capacity"/> items, so a client that reads slowly never holds up the others or grows the node's
/// memory. Nothing is lost without the client being told: when its queue is full, what does not fit is counted,
/// and a <see cref="LiveGap"/> with the count takes its place in the queue as soon as there is room (or when the
/// client has read everything before it). Thread-safe: items may come from several threads at once.
/// </summary>
public sealed class LiveFanout<T>(Func<T, string?, string?, bool> matches, int capacity, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Listener> _listeners = new();

    /// <summary>Clients listening now.</summary>
    public int Listeners => _listeners.Count;

    /// <summary>Queue an item for every client whose filters it passes.</summary>
    public void Dispatch(T item)
    {
        foreach (var listener in _listeners.Values)
        {
            if (matches(item, listener.Region, listener.Topic)) listener.Offer(item, clock);
        }
    }

    /// <summary>Tell every client that <paramref name="count"/> items (of any filter) were missed before what comes next.</summary>
    public void Missed(long count)
    {
        if (count <= 0) return;
        foreach (var listener in _listeners.Values) listener.Lose(count, clock);
    }

    /// <summary>Items passing the filters, and the gaps, in order, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<LiveItem<T>> Listen(string? region, string? topic, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var listener = new Listener(region, topic, capacity);
        _listeners[id] = listener;
        try
        {
            var reader = listener.Queue.Reader;
            while (true)
            {
                while (reader.TryRead(out var item)) yield return item;
                // Everything queued came before what was missed; the gap is next.
                if (listener.TakeGap() is { } gap) yield return new LiveItem<T>(default, gap);
                if (!await reader.WaitToReadAsync(cancellationToken)) yield break;
            }
        }
        finally
        {
            _listeners.TryRemove(id, out _);
        }
    }

    private sealed class Listener(string? region, string? topic, int capacity)
    {
        private readonly Lock _gate = new();
        private long _missed;
        private DateTimeOffset _since;

        public string? Region => region;

        public string? Topic => topic;

        // Written only with TryWrite: a full queue refuses, it never blocks the writer.
        public Channel<LiveItem<T>> Queue { get; } = Channel.CreateBounded<LiveItem<T>>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public void Offer(T item, TimeProvider clock)
        {
            lock (_gate)
            {
                if (_missed > 0 && !FlushGap())
                {
                    _missed++;
                    return;
                }

                if (!Queue.Writer.TryWrite(new LiveItem<T>(item, null))) Miss(1, clock);
            }
        }

        public void Lose(long count, TimeProvider clock)
        {
            lock (_gate)
            {
                Miss(count, clock);
                FlushGap();
            }
        }

        public LiveGap? TakeGap()
        {
            lock (_gate)
            {
                // Only once everything queued before it is read; a writer queues it itself when there is room.
                if (_missed == 0 || Queue.Reader.Count > 0) return null;
                var gap = new LiveGap(_missed, _since);
                _missed = 0;
                return gap;
            }
        }

        private void Miss(long count, TimeProvider clock)
        {
            if (_missed == 0) _since = clock.GetUtcNow();
            _missed += count;
        }

        private bool FlushGap()
        {
            if (!Queue.Writer.TryWrite(new LiveItem<T>(default, new LiveGap(_missed, _since)))) return false;
            _missed = 0;
            return true;
        }
    }
}
