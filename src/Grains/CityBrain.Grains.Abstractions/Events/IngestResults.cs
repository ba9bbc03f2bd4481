namespace CityBrain.Events;

/// <summary>
/// What became of each observation of a batch, in the order submitted: its outcome, or, where its point grain
/// failed, no outcome and the fault. A point's observations share its fault: none of them is known to be taken,
/// and resending them is safe (a point remembers keys only after their cell took them, and incidents drop
/// evidence they already hold).
/// </summary>
/// <param name="Outcomes">One per observation; null where the observation was not taken.</param>
/// <param name="Faults">One per observation; the exception's type and message where it was not taken, else null.</param>
/// <param name="Transient">
/// One per observation; true where its fault is transient (<see cref="TransientFaults"/>: a silo or storage could not
/// take it now), so a transport retries it in place instead of treating the message as bad.
/// </param>
[GenerateSerializer, Immutable, Alias("cb.IngestResults")]
public sealed record IngestResults(
    [property: Id(0)] ObservationOutcome?[] Outcomes,
    [property: Id(1)] string?[] Faults,
    [property: Id(2)] bool[] Transient);
