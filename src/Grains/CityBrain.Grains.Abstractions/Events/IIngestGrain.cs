namespace CityBrain.Events;

/// <summary>
/// Stateless entry point for validated observations: groups a batch by point and hands each group to its
/// point grain in one call. Key: always 0 (a stateless worker; Orleans runs local copies as load demands).
/// </summary>
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>Take a batch. When this returns, every observation has been taken by its point grain.</summary>
    Task<IngestReceipt> Submit(Observation[] observations);
}
