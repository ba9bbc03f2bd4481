namespace CityBrain.UnitTests;

/// <summary>A clock that always says <paramref name="now"/>: for rules that compare with the present.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
