namespace CityBrain.Bench.Suite;

/// <summary>What a line of a suite feed is, as its event id says (<see cref="FeedEventId"/>).</summary>
public enum FeedEventKind
{
    /// <summary>A camera detection of a happening: evidence of that happening's one incident.</summary>
    Detection,

    /// <summary>A citizen report (<c>city.report</c>) of a happening: evidence of that happening's one incident.</summary>
    Report,

    /// <summary>A sensor reading in its metric's normal range: taken by its point, opens nothing.</summary>
    Reading,

    /// <summary>A sensor reading past what a built-in scenario watches (<see cref="SensorMetric"/>).</summary>
    Crossing,

    /// <summary>An event of a type CityBrain does not know: refused and kept as a dead letter.</summary>
    Unknown,
}
