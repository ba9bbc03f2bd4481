namespace CityBrain.Incidents;

/// <summary>
/// One per cluster (key 0). Every minute, merges open incidents that are one happening but were opened on either
/// side of a cell border whose one-way announcements a crash lost. Runs only with durable storage.
/// </summary>
[Alias("cb.IDuplicateSweepGrain")]
public interface IDuplicateSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the sweep's reminder; every silo calls it at start-up, and it is idempotent.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>One pass now; returns how many incidents it merged.</summary>
    [Alias("Sweep")]
    Task<int> Sweep();
}
