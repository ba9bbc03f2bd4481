using Microsoft.Extensions.Hosting;

namespace CityBrain.Api.Live;

internal static class LiveStart
{
    /// <summary>
    /// Waits until the host has started (the silo runs then, so streams and grains can be used); false if the host
    /// stops first.
    /// </summary>
    public static async Task<bool> WaitForStart(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
