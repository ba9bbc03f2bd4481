namespace CityBrain.Bench.Suite;

/// <summary>How a run of the suite ended.</summary>
public enum RunStatus
{
    /// <summary>Measured, and its check passed.</summary>
    Passed,

    /// <summary>The host did not start, the feed was not all taken in time, or the check failed: its figures do not count.</summary>
    Failed,

    /// <summary>Not run on this machine (no PostgreSQL), with the reason in the notes.</summary>
    Skipped,
}
