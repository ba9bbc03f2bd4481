namespace CityBrain.Bench;

/// <summary>
/// What a series of evidence readings says about a run with marked moments (a node killed, restarted): the
/// ingest rate between consecutive moments and when every expected event had become evidence. Pure: the caller
/// reads the platform and the clock. Samples are in the order they were taken.
/// </summary>
public static class EvidenceTimeline
{
    /// <summary>The boundary where the count started moving.</summary>
    public const string FlowStart = "flow start";

    /// <summary>
    /// The evidence total at <paramref name="at"/>, interpolated linearly between the readings around it: readings
    /// come every few hundred milliseconds, marks fall between them. Before the first reading it is the first,
    /// after the last the last.
    /// </summary>
    public static double EvidenceAt(IReadOnlyList<EvidenceSample> samples, DateTimeOffset at)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        if (at <= samples[0].At) return samples[0].Evidence;
        for (var i = 1; i < samples.Count; i++)
        {
            var (before, after) = (samples[i - 1], samples[i]);
            if (at > after.At) continue;
            var span = (after.At - before.At).TotalSeconds;
            return span <= 0 ? after.Evidence : before.Evidence + (after.Evidence - before.Evidence) * ((at - before.At).TotalSeconds / span);
        }

        return samples[^1].Evidence;
    }

    /// <summary>The first reading at or above <paramref name="expected"/>; null if the count never got there.</summary>
    public static EvidenceSample? Reached(IReadOnlyList<EvidenceSample> samples, long expected)
    {
        foreach (var sample in samples)
        {
            if (sample.Evidence >= expected) return sample;
        }

        return null;
    }

    /// <summary>
    /// When the count started moving: the last reading before the first that differs from the first reading.
    /// Null when it never moved.
    /// </summary>
    public static DateTimeOffset? FlowStartedAt(IReadOnlyList<EvidenceSample> samples)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Evidence != samples[0].Evidence) return samples[i - 1].At;
        }

        return null;
    }

    /// <summary>
    /// The longest stretch from <paramref name="from"/> on in which the count did not rise, before it reached
    /// <paramref name="expected"/>: from the first reading of a value to the last reading that still showed no
    /// more. Null when the count rose at every reading.
    /// </summary>
    public static (EvidenceSample Start, EvidenceSample End)? LongestStall(IReadOnlyList<EvidenceSample> samples, DateTimeOffset from, long expected)
    {
        (EvidenceSample Start, EvidenceSample End)? longest = null;
        var i = 0;
        while (i < samples.Count && samples[i].At < from) i++;
        while (i < samples.Count && samples[i].Evidence < expected)
        {
            var j = i;
            while (j + 1 < samples.Count && samples[j + 1].Evidence <= samples[i].Evidence) j++;
            if (j > i && (longest is not { } l || samples[j].At - samples[i].At > l.End.At - l.Start.At)) longest = (samples[i], samples[j]);
            i = j + 1;
        }

        return longest;
    }

    /// <summary>
    /// The run cut at the start of the flow, at every mark and where the count reached <paramref name="expected"/>
    /// (or, if it never did, at the last reading), in time order: with marks <c>kill</c> and <c>restart</c>, the
    /// segment from <c>kill</c> to <c>restart</c> is the rate of the surviving nodes during the outage.
    /// </summary>
    public static IReadOnlyList<TimelineSegment> Segments(IReadOnlyList<EvidenceSample> samples, IReadOnlyList<TimelineMark> marks, long expected)
    {
        if (samples.Count == 0) return [];
        var boundaries = new List<(string Name, DateTimeOffset At)>();
        if (FlowStartedAt(samples) is { } start) boundaries.Add((FlowStart, start));
        boundaries.AddRange(marks.Select(m => (m.Name, m.At)));
        boundaries.Add(Reached(samples, expected) is { } reached
            ? ($"all {expected}", reached.At)
            : ($"last reading ({samples[^1].Evidence} of {expected})", samples[^1].At));

        // Stable, so two boundaries at the same moment keep the order they were given in.
        var ordered = boundaries.Select((b, i) => (b, i)).OrderBy(x => x.b.At).ThenBy(x => x.i).Select(x => x.b).ToList();
        var segments = new List<TimelineSegment>(ordered.Count - 1);
        for (var i = 1; i < ordered.Count; i++)
        {
            var (from, to) = (ordered[i - 1], ordered[i]);
            segments.Add(new TimelineSegment(from.Name, to.Name, from.At, to.At, EvidenceAt(samples, from.At), EvidenceAt(samples, to.At)));
        }

        return segments;
    }
}
