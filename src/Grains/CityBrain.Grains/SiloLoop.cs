using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace CityBrain;

/// <summary>
/// Work a silo repeats on an interval for as long as it is active (a scan, a refresh, a flush), on a
/// background task: started when the silo becomes active, stopped with it. A failed tick is logged and the next
/// one tries again; a tick never runs while the previous one does.
/// </summary>
public abstract class SiloLoop(TimeProvider clock, ILogger logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>Time between ticks.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first tick runs at once rather than one interval after the start.</summary>
    protected virtual bool TickAtStart => false;

    /// <summary>Cancelled when the silo stops.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    protected abstract Task TickAsync(CancellationToken stopping);

    /// <summary>Runs before the silo takes traffic, ahead of the first tick.</summary>
    protected virtual Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once the loop has ended, while the silo stops.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, Start, Stop);

    private async Task Start(CancellationToken cancellationToken)
    {
        await StartingAsync(cancellationToken);
        _loop = Task.Run(() => Loop(_stopping.Token), CancellationToken.None);
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        // The loop catches its own failures and ends once cancelled; only a stop that itself times out is left.
        if (_loop is not null) await _loop.WaitAsync(cancellationToken);
        await StoppedAsync();
    }

    private async Task Loop(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        if (TickAtStart) await TickSafely(stopping);
        while (await WaitForNext(timer, stopping)) await TickSafely(stopping);
    }

    private async Task TickSafely(CancellationToken stopping)
    {
        try
        {
            await TickAsync(stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            Logger.LogWarning(e, "{Loop} failed; it tries again in {Interval}", GetType().Name, Interval);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> WaitForNext(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
