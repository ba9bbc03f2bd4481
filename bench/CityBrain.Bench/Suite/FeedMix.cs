namespace CityBrain.Bench.Suite;

/// <summary>What a generated feed is made of.</summary>
/// <param name="DetectionShare">Share of the events that are camera detections of happenings.</param>
/// <param name="ReportShare">Share of the events that are citizen reports of happenings.</param>
/// <param name="CrossingShare">Share of the readings that cross what a built-in scenario watches (metrics that have a threshold).</param>
/// <param name="MinSightings">Fewest detections of one happening.</param>
/// <param name="MaxSightings">Most detections of one happening.</param>
public sealed record FeedMix(double DetectionShare, double ReportShare, double CrossingShare, int MinSightings, int MaxSightings)
{
    /// <summary>
    /// The city: 85 % readings (0.3 % of them crossing a built-in scenario's threshold), 13 % detections of
    /// happenings seen 10 to 50 times each (so about 3 % of the detections open an incident and the rest attach), 2 %
    /// citizen reports of those happenings.
    /// </summary>
    public static readonly FeedMix City = new(0.13, 0.02, 0.003, 10, 50);

    /// <summary>Sensor readings in their normal ranges only: nothing opens.</summary>
    public static readonly FeedMix ReadingsOnly = new(0, 0, 0, 1, 1);

    /// <summary>Detections only, each of its own happening: every one opens an incident.</summary>
    public static readonly FeedMix OpensOnly = new(1, 0, 0, 1, 1);

    public double ReadingShare => 1 - DetectionShare - ReportShare;
}
