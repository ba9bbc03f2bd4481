using System.Collections.Concurrent;

namespace CityBrain.IntegrationTests;

/// <summary>
/// A wall clock that stands still until the test moves it, so a scripted day's times are exact. Only the time of
/// day is scripted: timers and elapsed-time stamps run in real time (the base class), so scans and grain timers
/// still tick. Silos are built by type, so each cluster finds its clock by the id in its configuration.
/// </summary>
public sealed class ScriptedClock(DateTimeOffset start) : TimeProvider
{
    public const string ConfigurationKey = "CityBrainScriptedClock";

    private static readonly ConcurrentDictionary<string, ScriptedClock> Clocks = new();
    private long _utcTicks = start.UtcTicks;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public static ScriptedClock Register(DateTimeOffset start)
    {
        var clock = new ScriptedClock(start);
        Clocks[clock.Id] = clock;
        return clock;
    }

    public static ScriptedClock Find(string id) => Clocks.TryGetValue(id, out var clock) ? clock : throw new InvalidOperationException($"no scripted clock '{id}'");

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void SetTo(DateTimeOffset time)
    {
        if (time < GetUtcNow()) throw new ArgumentOutOfRangeException(nameof(time), time, "a scripted clock only moves forward");
        Interlocked.Exchange(ref _utcTicks, time.UtcTicks);
    }
}
