using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Waits for a condition the system reaches asynchronously, failing with the phase that did not finish.</summary>
public static class Poll
{
    public static async Task<JsonElement> UntilAsync(string phase, Func<Task<JsonElement?>> probe, TimeSpan timeout, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"phase '{phase}' did not complete within {timeout}{(context is null ? "" : ":\n" + context())}");
            await Task.Delay(100);
        }
    }

    public static async Task UntilAsync(string phase, Func<Task<bool>> probe, TimeSpan timeout, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"phase '{phase}' did not complete within {timeout}{(context is null ? "" : ":\n" + context())}");
            await Task.Delay(100);
        }
    }
}
