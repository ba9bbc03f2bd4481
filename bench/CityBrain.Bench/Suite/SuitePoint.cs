using CityBrain.Geo;

namespace CityBrain.Bench.Suite;

/// <summary>One registered point of the suite's city pack.</summary>
/// <param name="Id">The point id, the CloudEvents <c>subject</c> of its events.</param>
/// <param name="Kind"><see cref="CameraKind"/> or <see cref="SensorKind"/>.</param>
/// <param name="Metric">What a sensor measures (<see cref="SensorMetric.Name"/>); null for a camera.</param>
/// <param name="Location">Where it stands, WGS84, inside one of the pack's lowest-level regions.</param>
public sealed record SuitePoint(string Id, string Kind, string? Metric, GeoPoint Location)
{
    public const string CameraKind = "camera";

    public const string SensorKind = "sensor";
}
