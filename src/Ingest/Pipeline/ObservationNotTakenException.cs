namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// The grains refused one observation of a batch for a reason that is not transient (the fault the point grain
/// reported, as text). The transport's <see cref="PoisonGuard"/> tries the observation again alone, which surfaces
/// the original exception, before it becomes a dead letter.
/// </summary>
public sealed class ObservationNotTakenException(string fault) : Exception(fault);
