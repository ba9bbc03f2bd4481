namespace CityBrain.Bench;

/// <summary>
/// Decides when a count that ingest is still moving (evidence plus dead letters, say) can be judged: when it
/// reaches what is expected, when it has not changed for <c>settle</c>, or at the overall deadline, whichever
/// comes first. Pure: the caller reads the count and the clock.
/// </summary>
/// <param name="start">When waiting began; the deadline is <paramref name="wait"/> after it.</param>
/// <param name="expected">The count at which nothing more is awaited; null when not known.</param>
public sealed class SettleWatch(DateTimeOffset start, TimeSpan wait, TimeSpan settle, long? expected)
{
    private readonly DateTimeOffset _deadline = start + wait;
    private long? _last;
    private DateTimeOffset _lastChange = start;

    /// <summary>The latest reading; null before the first.</summary>
    public long? Last => _last;

    /// <summary>Whether the latest reading changed the count (always true for the first one).</summary>
    public bool Changed { get; private set; }

    public SettleVerdict Observe(long count, DateTimeOffset now)
    {
        Changed = _last != count;
        if (Changed)
        {
            _last = count;
            _lastChange = now;
        }

        if (expected is { } target && count >= target) return SettleVerdict.Reached;
        if (!Changed && now - _lastChange >= settle) return SettleVerdict.Settled;
        return now >= _deadline ? SettleVerdict.TimedOut : SettleVerdict.Waiting;
    }
}
