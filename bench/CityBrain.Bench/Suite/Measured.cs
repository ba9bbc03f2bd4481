namespace CityBrain.Bench.Suite;

/// <summary>What one measured feed gave.</summary>
/// <param name="Events">Events published.</param>
/// <param name="PublishSeconds">First publish until the last was handed over (broker acknowledged, or HTTP answered).</param>
/// <param name="TakenSeconds">First publish until the host had taken every event.</param>
/// <param name="WindowSeconds">The measured window: until taken and the live stream caught up.</param>
/// <param name="CpuSeconds">The host's CPU time over the window.</param>
/// <param name="Accepted">Events the receiver accepted (over HTTP: taken, duplicates included).</param>
/// <param name="Rejected">Events refused or not taken.</param>
/// <param name="RejectedExamples">Ids of the first refused events.</param>
/// <param name="ExpectedSightings">Detections and reports published, each of which should change an incident on the live stream.</param>
/// <param name="Sightings">Of those, the ones whose change was seen.</param>
/// <param name="LiveMissed">Changes the live stream said (in <c>gap</c> events) it could not deliver to the suite.</param>
/// <param name="Latency">Publish to change on the live stream, of those seen.</param>
/// <param name="Failure">Why the feed was not all taken; null when it was.</param>
public sealed record Measured(
    int Events, double PublishSeconds, double TakenSeconds, double WindowSeconds, double CpuSeconds, long Accepted, long Rejected,
    IReadOnlyList<string> RejectedExamples, int ExpectedSightings, int Sightings, long LiveMissed, LatencyStats? Latency, string? Failure)
{
    public double EventsPerSecond => TakenSeconds > 0 ? Events / TakenSeconds : 0;

    public double CpuMicrosPerEvent => Events > 0 ? CpuSeconds * 1e6 / Events : 0;

    public static Measured NotTaken(int events, string why) => new(events, 0, 0, 0, 0, 0, 0, [], 0, 0, 0, null, why);
}
