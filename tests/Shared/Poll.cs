using System.Diagnostics;
using System.Text.Json;

namespace CityBrain.Testing;

/// <summary>
/// Waits, with a deadline, for something the system reaches asynchronously (a timer fired, a message consumed, a
/// read side caught up). Tests wait on this instead of sleeping: it returns as soon as the condition holds, and on
/// timeout it fails with what was awaited and the last value it saw, so a failure on a busy machine says which phase
/// was slow and how far it got. The deadline is measured on a monotonic clock; the probe runs once more after it.
/// </summary>
public static class Poll
{
    /// <summary>Pause between probes: short enough not to slow a test, long enough not to load a busy machine.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private const int MaxShownChars = 2000;

    /// <summary>
    /// Observes <paramref name="observe"/> until <paramref name="until"/> holds for what it returned, and returns
    /// that value. <paramref name="context"/> adds to the failure message (a host's log, say).
    /// </summary>
    public static async Task<T> UntilAsync<T>(string awaited, Func<Task<T>> observe, Func<T, bool> until, TimeSpan timeout,
        Func<string>? context = null, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await observe();
            if (until(value)) return value;
            if (clock.Elapsed > timeout) throw Timeout(awaited, timeout, $"last observed: {Show(value)}", context);
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Probes until <paramref name="probe"/> returns a value (not null), and returns it.</summary>
    public static async Task<T> UntilAsync<T>(string awaited, Func<Task<T?>> probe, TimeSpan timeout, Func<string>? context = null, TimeSpan? interval = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value) return value;
            if (clock.Elapsed > timeout) throw Timeout(awaited, timeout, "the last probe found nothing", context);
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>
    /// Probes until <paramref name="probe"/> returns a JSON value (not null), and returns it: the form of HTTP
    /// look-ups, whose lambdas answer <c>found ? element : null</c>.
    /// </summary>
    public static async Task<JsonElement> UntilAsync(string awaited, Func<Task<JsonElement?>> probe, TimeSpan timeout, Func<string>? context = null, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value) return value;
            if (clock.Elapsed > timeout) throw Timeout(awaited, timeout, "the last probe found nothing", context);
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    private static TimeoutException Timeout(string awaited, TimeSpan timeout, string last, Func<string>? context) =>
        new($"timed out after {timeout.TotalSeconds:0.#} s waiting until {awaited}; {last}{(context is null ? "" : ":\n" + context())}");

    private static string Show<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            string s => $"\"{s}\"",
            JsonElement json => json.GetRawText(),
            System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Take(20))}]",
            _ => value.ToString() ?? "",
        };
        return text.Length <= MaxShownChars ? text : string.Concat(text.AsSpan(0, MaxShownChars), "…");
    }
}
