using Microsoft.Extensions.Logging;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// One warning per period for observations retried in place, however many there are: while a silo is being
/// declared dead, thousands of observations a second can fail transiently, and a line each would bury the log.
/// Thread-safe.
/// </summary>
public sealed class RetryLog(ILogger logger, TimeProvider clock, TimeSpan period)
{
    private readonly Lock _gate = new();
    private long _since = clock.GetTimestamp();
    private int _retried;
    private string? _lastFault;

    /// <summary>Count <paramref name="count"/> observations that will be tried again because of <paramref name="fault"/>.</summary>
    public void Retrying(int count, string fault)
    {
        int retried;
        TimeSpan elapsed;
        lock (_gate)
        {
            _retried += count;
            _lastFault = fault;
            elapsed = clock.GetElapsedTime(_since);
            if (elapsed < period) return;
            retried = _retried;
            _retried = 0;
            _since = clock.GetTimestamp();
        }

        logger.LogWarning("{Count} observations not taken in the last {Seconds:0} s: the grains or storage could not take them now (last: {Fault}); retrying them in place",
            retried, elapsed.TotalSeconds, fault);
    }

    /// <summary>Observations counted since the last warning, and the last fault; for tests.</summary>
    public (int Retried, string? LastFault) Pending
    {
        get
        {
            lock (_gate) return (_retried, _lastFault);
        }
    }
}
