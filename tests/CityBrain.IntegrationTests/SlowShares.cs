using System.Collections.Concurrent;

namespace CityBrain.IntegrationTests;

/// <summary>
/// Holds back, at the sender, a cell's <c>ShareObservation</c> to the cells a test names, as a busy silo or a slow
/// network would: the message leaves late while the sending cell goes on. Cells no test names are not touched.
/// </summary>
public sealed class SlowShares : IOutgoingGrainCallFilter
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(800);

    private static readonly ConcurrentDictionary<string, bool> Targets = new();

    /// <summary>Holds back shares to <paramref name="cellKey"/> until the returned handle is disposed.</summary>
    public static IDisposable To(string cellKey)
    {
        Targets[cellKey] = true;
        return new Release(cellKey);
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(Cells.ISpatialCellGrain.ShareObservation)
            && context.TargetId.Key.ToString() is { } key && Targets.ContainsKey(key))
        {
            await Task.Delay(Delay);
        }

        await context.Invoke();
    }

    private sealed class Release(string cellKey) : IDisposable
    {
        public void Dispose() => Targets.TryRemove(cellKey, out _);
    }
}
