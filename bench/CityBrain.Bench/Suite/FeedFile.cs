namespace CityBrain.Bench.Suite;

/// <summary>A written suite feed: an NDJSON file of CloudEvents and what is in it.</summary>
/// <param name="Path">The file.</param>
/// <param name="FirstNumber">The number (<see cref="FeedEventId"/>) of its first event; the others follow one by one.</param>
/// <param name="Events">Lines, one event each.</param>
/// <param name="Detections">Camera detections.</param>
/// <param name="Reports">Citizen reports.</param>
/// <param name="Readings">Sensor readings, crossings included.</param>
/// <param name="Crossings">Readings past what a built-in scenario watches.</param>
/// <param name="Unknown">Events of an unknown type.</param>
/// <param name="Happenings">Distinct happenings the detections and reports are of.</param>
public sealed record FeedFile(string Path, long FirstNumber, int Events, int Detections, int Reports, int Readings, int Crossings, int Unknown, int Happenings)
{
    /// <summary>Events that open or join incidents by themselves.</summary>
    public int Correlated => Detections + Reports;
}
