namespace CityBrain.Events;

/// <summary>Counts of outcomes for a batch of observations, one per <see cref="ObservationOutcome"/>.</summary>
/// <param name="Opened">Observations that opened a new incident.</param>
/// <param name="Attached">Observations that became evidence of an existing incident.</param>
/// <param name="Duplicates">Observations whose event key their point already had.</param>
/// <param name="Recorded">Observations kept by their point only (readings, unawaited rechecks).</param>
/// <param name="Rechecked">Rechecks that verified an incident or sent it back to handling.</param>
[GenerateSerializer, Immutable, Alias("cb.IngestReceipt")]
public sealed record IngestReceipt(
    [property: Id(0)] int Opened,
    [property: Id(1)] int Attached,
    [property: Id(2)] int Duplicates,
    [property: Id(3)] int Recorded,
    [property: Id(4)] int Rechecked = 0)
{
    /// <summary>The receipt of an empty batch.</summary>
    public static readonly IngestReceipt None = new(0, 0, 0, 0);

    /// <summary>Every observation counted, whatever its outcome.</summary>
    public int Total => Opened + Attached + Duplicates + Recorded + Rechecked;

    /// <summary>The sum of this receipt and <paramref name="other"/>, count by count.</summary>
    public IngestReceipt Add(IngestReceipt other) =>
        new(Opened + other.Opened, Attached + other.Attached, Duplicates + other.Duplicates, Recorded + other.Recorded, Rechecked + other.Rechecked);

    /// <summary>A receipt counting one observation with <paramref name="outcome"/>.</summary>
    public static IngestReceipt Of(ObservationOutcome outcome) => outcome switch
    {
        ObservationOutcome.OpenedIncident => new(1, 0, 0, 0),
        ObservationOutcome.AttachedToIncident => new(0, 1, 0, 0),
        ObservationOutcome.Duplicate => new(0, 0, 1, 0),
        ObservationOutcome.Rechecked => new(0, 0, 0, 0, 1),
        _ => new(0, 0, 0, 1),
    };
}
