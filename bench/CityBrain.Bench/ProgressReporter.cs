using System.Diagnostics;

namespace CityBrain.Bench;

/// <summary>Writes one progress line per second to stderr so stdout stays clean for the summary.</summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly ReplayLedger _ledger;
    private readonly int _total;
    private readonly bool _sse;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressReporter(ReplayLedger ledger, int total, bool sse)
    {
        _ledger = ledger;
        _total = total;
        _sse = sse;
        _loop = RunAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var lastSent = 0L;
        var lastTick = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var sent = _ledger.Sent;
                var rate = (sent - lastSent) / Stopwatch.GetElapsedTime(lastTick, now).TotalSeconds;
                var seen = _sse ? $", seen {_ledger.SeenExpected}/{_ledger.ExpectedCount}" : string.Empty;
                Console.Error.WriteLine($"replay: sent {sent}/{_total}{seen}, {rate:F0} events/s");
                lastSent = sent;
                lastTick = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
