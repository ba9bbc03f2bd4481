namespace CityBrain.Bench;

/// <summary>How late SLA thresholds fired, over firings already read. Percentiles are exact (nearest rank), in milliseconds.</summary>
public sealed record SlaLatenessReport(
    int Fired,
    int Warnings,
    int Breaches,
    LatencyStats? LatenessMs,
    LatencyStats? WarningLatenessMs,
    LatencyStats? BreachLatenessMs,
    int LaterThanLimit,
    DateTimeOffset? FirstDue,
    DateTimeOffset? LastDue,
    int PeakDuePerMinute,
    DateTimeOffset? FirstFired,
    DateTimeOffset? LastFired,
    int PeakFiredPerMinute)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <param name="limit">Firings strictly later than this count in <see cref="LaterThanLimit"/>.</param>
    public static SlaLatenessReport From(IReadOnlyCollection<SlaFiring> firings, TimeSpan limit)
    {
        var warnings = firings.Where(f => f.Kind == SlaFiring.WarningKind).ToList();
        var breaches = firings.Where(f => f.Kind == SlaFiring.BreachedKind).ToList();
        var due = firings.Select(f => f.DueAt).Order().ToArray();
        var fired = firings.Select(f => f.FiredAt).Order().ToArray();
        return new SlaLatenessReport(
            firings.Count,
            warnings.Count,
            breaches.Count,
            Lateness(firings),
            Lateness(warnings),
            Lateness(breaches),
            firings.Count(f => f.Lateness > limit),
            due.Length > 0 ? due[0] : null,
            due.Length > 0 ? due[^1] : null,
            PeakWithin(due, Minute),
            fired.Length > 0 ? fired[0] : null,
            fired.Length > 0 ? fired[^1] : null,
            PeakWithin(fired, Minute));
    }

    private static LatencyStats? Lateness(IEnumerable<SlaFiring> firings) =>
        LatencyStats.From(firings.Select(f => f.Lateness.TotalMilliseconds).ToList());

    /// <summary>
    /// The most instants inside any window of the given length (start inclusive, end exclusive). Over due times:
    /// the load the scan had to keep up with at its busiest, which an average over the run would hide. Over
    /// fired times, when many were due at once (e.g. after a restart): how fast the mechanism can fire.
    /// </summary>
    public static int PeakWithin(IReadOnlyList<DateTimeOffset> sorted, TimeSpan window)
    {
        var peak = 0;
        var first = 0;
        for (var last = 0; last < sorted.Count; last++)
        {
            while (sorted[last] - sorted[first] >= window) first++;
            peak = Math.Max(peak, last - first + 1);
        }

        return peak;
    }
}
