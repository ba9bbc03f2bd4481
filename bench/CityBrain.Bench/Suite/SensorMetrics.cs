namespace CityBrain.Bench.Suite;

/// <summary>The metrics of the suite's sensors, with the thresholds of the built-in scenarios that watch them.</summary>
public static class SensorMetrics
{
    /// <summary>
    /// Thresholds from packs/scenarios: waterlogging (water level over 20 cm and rainfall of 30 mm/h or more, with a
    /// camera seeing water), manhole cover (tilt over 15°), night construction noise (over 70 dB for 5 min), garbage
    /// overflow (bin fill of 90 % or more). PM2.5 is watched by none.
    /// </summary>
    public static readonly IReadOnlyList<SensorMetric> All =
    [
        new("water_level_cm", "cm", 0.20, 0, 15, 25, 60, CrossingFires: false),
        new("rainfall_mm_h", "mm/h", 0.15, 0, 20, 35, 80, CrossingFires: false),
        new("manhole_tilt_deg", "deg", 0.20, 0, 5, 20, 45, CrossingFires: true),
        new("pm25", "ug/m3", 0.15, 8, 75, null, null, CrossingFires: false),
        new("noise_db", "dB", 0.20, 40, 65, 72, 90, CrossingFires: false),
        new("bin_fill_percent", "%", 0.10, 10, 80, 92, 100, CrossingFires: true),
    ];

    public static SensorMetric Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"no suite metric '{name}'", nameof(name));

    /// <summary>A metric drawn by the shares.</summary>
    public static SensorMetric Pick(Random random)
    {
        var x = random.NextDouble();
        foreach (var metric in All)
        {
            if (x < metric.Share) return metric;
            x -= metric.Share;
        }

        return All[^1];
    }
}
