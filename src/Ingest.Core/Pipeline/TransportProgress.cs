using System.Collections.Concurrent;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// What one transport holds and when it last finished something, for readiness: a transport that holds messages
/// and has finished none of them for a while is stuck, and says which message has waited longest. Thread-safe.
/// </summary>
public sealed class TransportProgress
{
    private readonly ConcurrentDictionary<long, WaitingMessage> _waiting = new();
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private long _next;
    private long _finished;
    private DateTimeOffset _lastProgress;
    private WaitingMessage? _unfinished;
    private bool _reportedStuck;

    public TransportProgress(string name, TimeProvider clock)
    {
        Name = name;
        _clock = clock;
        _lastProgress = clock.GetUtcNow();
    }

    /// <summary><c>mqtt</c>, <c>kafka</c> or <c>queue</c> (the observation pipeline).</summary>
    public string Name { get; }

    /// <summary>
    /// Messages finished (taken or dead-lettered) since the process started. A message delivered again (after a
    /// reconnect or a rebalance) counts again, so this reaches the number published once every one is finished.
    /// </summary>
    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>Messages in flight now.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// A message starts waiting. Call <see cref="Ticket.Done"/> once it is finished (taken or dead-lettered); a
    /// ticket disposed without that (the broker will deliver the message again) still counts as waiting until the
    /// transport next finishes something.
    /// </summary>
    public Ticket Begin(string origin)
    {
        var id = Interlocked.Increment(ref _next);
        _waiting[id] = new WaitingMessage(origin, _clock.GetUtcNow());
        return new Ticket(this, id);
    }

    /// <summary>
    /// Stuck: the oldest waiting message and the last finished one are both more than <paramref name="after"/> ago.
    /// <see cref="ProgressStatus.NewlyStuck"/> is true once per stall, for a single log line.
    /// </summary>
    public ProgressStatus Evaluate(TimeSpan after)
    {
        var now = _clock.GetUtcNow();
        WaitingMessage? oldest = null;
        foreach (var w in _waiting.Values)
        {
            if (oldest is null || w.Since < oldest.Value.Since) oldest = w;
        }

        lock (_gate)
        {
            if (_unfinished is { } u && (oldest is null || u.Since < oldest.Value.Since)) oldest = u;
            if (oldest is not { } o)
            {
                _reportedStuck = false;
                return new ProgressStatus(false, null, TimeSpan.Zero, 0, false);
            }

            var stalledSince = o.Since > _lastProgress ? o.Since : _lastProgress;
            var stalledFor = now - stalledSince;
            var stuck = stalledFor >= after;
            var newly = stuck && !_reportedStuck;
            _reportedStuck = stuck;
            return new ProgressStatus(stuck, o, stalledFor, _waiting.Count, newly);
        }
    }

    private void Finish(long id, bool done)
    {
        if (!_waiting.TryRemove(id, out var message)) return;
        if (done) Interlocked.Increment(ref _finished);
        lock (_gate)
        {
            if (done)
            {
                _lastProgress = _clock.GetUtcNow();
                _unfinished = null;
            }
            else if (_unfinished is null || message.Since < _unfinished.Value.Since)
            {
                _unfinished = message;
            }
        }
    }

    /// <summary>One waiting message; see <see cref="Begin"/>.</summary>
    public sealed class Ticket(TransportProgress owner, long id) : IDisposable
    {
        public void Done() => owner.Finish(id, done: true);

        public void Dispose() => owner.Finish(id, done: false);
    }
}
