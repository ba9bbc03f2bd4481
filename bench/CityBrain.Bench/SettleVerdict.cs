namespace CityBrain.Bench;

/// <summary>What a <see cref="SettleWatch"/> makes of the latest reading.</summary>
public enum SettleVerdict
{
    /// <summary>Still moving, or not still for long enough yet: read again.</summary>
    Waiting,

    /// <summary>The reading reached the count expected: nothing more will come.</summary>
    Reached,

    /// <summary>The reading has not changed for the settle time: ingest is done with what it will take.</summary>
    Settled,

    /// <summary>The overall deadline passed while it was still moving: judge what there is.</summary>
    TimedOut,
}
