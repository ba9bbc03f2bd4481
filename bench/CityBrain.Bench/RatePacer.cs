using System.Diagnostics;

namespace CityBrain.Bench;

/// <summary>
/// Holds publishing to a target events-per-second by comparing progress against a stopwatch once per slice.
/// Sleeping per event would cap the rate at the timer resolution; pacing slices keeps the average exact.
/// </summary>
public sealed class RatePacer
{
    private const double SlicesPerSecond = 100;

    private readonly double _rate;
    private readonly Stopwatch _clock;

    public RatePacer(double rate, Stopwatch clock)
    {
        _rate = rate;
        _clock = clock;
    }

    /// <summary>About 10 ms worth of events at the target rate, capped by what the publisher takes at once.</summary>
    public int SliceSize(int max) =>
        _rate <= 0 ? max : (int)Math.Clamp(Math.Ceiling(_rate / SlicesPerSecond), 1, max);

    public Task WaitForAsync(long eventsSoFar, CancellationToken cancellationToken)
    {
        if (_rate <= 0)
        {
            return Task.CompletedTask;
        }

        var ahead = TimeSpan.FromSeconds(eventsSoFar / _rate) - _clock.Elapsed;
        return ahead > TimeSpan.FromMilliseconds(1) ? Task.Delay(ahead, cancellationToken) : Task.CompletedTask;
    }
}
