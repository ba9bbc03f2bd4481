namespace CityBrain.Bench.Suite;

/// <summary>
/// A sensor metric of the suite's city: the range its readings normally keep, and the range of a reading that crosses
/// what a built-in scenario (packs/scenarios) watches.
/// </summary>
/// <param name="Name">The reading's <c>metric</c>.</param>
/// <param name="Unit">The reading's <c>unit</c>.</param>
/// <param name="Share">Share of the sensors that measure it (the shares of all metrics add up to 1).</param>
/// <param name="NormalLow">Lowest normal value, inclusive.</param>
/// <param name="NormalHigh">Highest normal value, exclusive.</param>
/// <param name="CrossingLow">Lowest crossing value, inclusive; null when no built-in scenario watches the metric.</param>
/// <param name="CrossingHigh">Highest crossing value, exclusive.</param>
/// <param name="CrossingFires">
/// A single crossing reading makes a built-in scenario open an incident by itself (manhole tilt, bin fill); other
/// crossings need more (a sustained run, a camera's detection nearby) and only feed the scenarios' windows.
/// </param>
public sealed record SensorMetric(string Name, string Unit, double Share, double NormalLow, double NormalHigh, double? CrossingLow, double? CrossingHigh, bool CrossingFires)
{
    /// <summary>Whether a reading of <paramref name="value"/> is one that opens an incident through a built-in scenario.</summary>
    public bool Fires(double value) => CrossingFires && CrossingLow is { } low && value >= low;
}
