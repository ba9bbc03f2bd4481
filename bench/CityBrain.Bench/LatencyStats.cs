namespace CityBrain.Bench;

/// <summary>Exact nearest-rank percentiles over every recorded latency; no histogram bucketing.</summary>
public sealed record LatencyStats(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencyStats? From(IReadOnlyCollection<double> latenciesMs)
    {
        if (latenciesMs.Count == 0)
        {
            return null;
        }

        var sorted = latenciesMs.Order().ToArray();
        return new LatencyStats(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
