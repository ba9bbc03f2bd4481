namespace CityBrain.IntegrationTests;

/// <summary>Waits for a condition that a timer (an SLA scan, a reminder) makes true, naming the phase on timeout.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static async Task<T> UntilAsync<T>(string phase, Func<Task<T?>> probe, TimeSpan timeout) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } result) return result;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0} s waiting until {phase}");
            await Task.Delay(Interval);
        }
    }
}
