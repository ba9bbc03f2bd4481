using System.Globalization;
using System.Text;

namespace CityBrain.Bench;

/// <summary>The replay result; also the shape written by <c>--json</c>.</summary>
public sealed record ReplaySummary(
    string Via,
    string Target,
    string File,
    int Events,
    long Sent,
    long Accepted,
    long Rejected,
    double? TargetRate,
    double PublishSeconds,
    double EventsPerSecond,
    bool Sse,
    int ExpectedOnSse,
    int SeenOnSse,
    int NotSeen,
    int SightingsTotal,
    LatencyStats? LatencyMs,
    bool TimedOut,
    bool Interrupted,
    string Reproduce)
{
    public string ToText()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"replay summary{(Interrupted ? " (interrupted)" : string.Empty)}");
        text.AppendLine(culture, $"  events sent:      {Sent} of {Events} ({Accepted} accepted, {Rejected} rejected) via {Via} -> {Target}");
        text.AppendLine(culture, $"  publish duration: {PublishSeconds:F3} s{(TargetRate is { } rate ? $" (target {rate:G} events/s)" : string.Empty)}");
        text.AppendLine(culture, $"  throughput:       {EventsPerSecond:F1} events/s");
        if (Sse)
        {
            var timedOut = TimedOut ? ", timed out waiting" : string.Empty;
            text.AppendLine(culture, $"  seen on SSE:      {SeenOnSse} of {ExpectedOnSse} expected, {NotSeen} not seen{timedOut} ({SightingsTotal} sightings in total)");
            if (LatencyMs is { } l)
            {
                text.AppendLine(culture, $"  latency ms:       p50 {l.P50:F1}  p90 {l.P90:F1}  p99 {l.P99:F1}  max {l.Max:F1}  (n={l.Count})");
            }
            else
            {
                text.AppendLine("  latency ms:       no sightings");
            }
        }
        else
        {
            text.AppendLine("  seen on SSE:      not measured (--no-sse)");
        }

        text.Append(culture, $"  reproduce:        {Reproduce}");
        return text.ToString();
    }
}
