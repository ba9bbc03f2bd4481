namespace CityBrain.Ingest.Pipeline;

/// <summary>What became of one raw broker message.</summary>
public enum MessageDisposition
{
    /// <summary>Taken by the grains.</summary>
    Taken,

    /// <summary>Refused and kept as a dead letter with its reason.</summary>
    DeadLettered,
}
