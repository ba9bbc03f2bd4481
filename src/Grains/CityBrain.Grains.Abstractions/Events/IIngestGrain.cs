namespace CityBrain.Events;

/// <summary>
/// Stateless entry point for validated observations: groups a batch by point and hands each group to its
/// point grain in one call. Key: always 0 (a stateless worker; Orleans runs local copies as load demands).
/// </summary>
[Alias("cb.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>Take a batch. When this returns, every observation has been taken by its point grain.</summary>
    [Alias("Submit")]
    Task<IngestReceipt> Submit(Observation[] observations);

    /// <summary>
    /// Take a batch and say what became of each observation. Unlike <see cref="Submit"/>, a failing point grain
    /// does not fail the call: its observations come back untaken with the fault, and the others' outcomes stand.
    /// </summary>
    [Alias("SubmitEach")]
    Task<IngestResults> SubmitEach(Observation[] observations);
}
