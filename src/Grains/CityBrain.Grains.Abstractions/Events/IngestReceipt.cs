namespace CityBrain.Events;

/// <summary>Counts of outcomes for a batch of observations.</summary>
[GenerateSerializer, Immutable, Alias("cb.IngestReceipt")]
public sealed record IngestReceipt(
    [property: Id(0)] int Opened,
    [property: Id(1)] int Attached,
    [property: Id(2)] int Duplicates,
    [property: Id(3)] int Recorded,
    [property: Id(4)] int Rechecked = 0)
{
    public static readonly IngestReceipt None = new(0, 0, 0, 0);

    public int Total => Opened + Attached + Duplicates + Recorded + Rechecked;

    public IngestReceipt Add(IngestReceipt other) =>
        new(Opened + other.Opened, Attached + other.Attached, Duplicates + other.Duplicates, Recorded + other.Recorded, Rechecked + other.Rechecked);

    public static IngestReceipt Of(ObservationOutcome outcome) => outcome switch
    {
        ObservationOutcome.OpenedIncident => new(1, 0, 0, 0),
        ObservationOutcome.AttachedToIncident => new(0, 1, 0, 0),
        ObservationOutcome.Duplicate => new(0, 0, 1, 0),
        ObservationOutcome.Rechecked => new(0, 0, 0, 0, 1),
        _ => new(0, 0, 0, 1),
    };
}
