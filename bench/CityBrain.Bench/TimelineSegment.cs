namespace CityBrain.Bench;

/// <summary>The evidence taken between two moments of a watched run (a mark, the start of the flow, the end).</summary>
public sealed record TimelineSegment(string From, string To, DateTimeOffset Start, DateTimeOffset End, double EvidenceAtStart, double EvidenceAtEnd)
{
    public double Seconds => (End - Start).TotalSeconds;

    /// <summary>Events that became evidence per second over the segment; 0 for a segment of no length.</summary>
    public double PerSecond => Seconds > 0 ? (EvidenceAtEnd - EvidenceAtStart) / Seconds : 0;
}
