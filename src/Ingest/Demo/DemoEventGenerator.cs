using System.Text.Json;
using CityBrain.Geo;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Spatial;

namespace CityBrain.Ingest.Demo;

/// <summary>
/// Makes a plausible live city out of a pack's registry: "scenes" (a fire, a crowd, illegal parking…) start
/// next to a camera, are reported again by it and by the cameras around it for a few minutes, then end;
/// sensors report readings in between. Events are CloudEvents JSON in the pack's event CRS, as a real feed
/// would send them. Not thread-safe: one generator per feed.
/// </summary>
public sealed class DemoEventGenerator
{
    private static readonly string[] Categories = ["illegal_parking", "crowd", "smoke_fire", "waterlogging", "garbage_overflow", "street_vending"];
    private static readonly (string Metric, string Unit, double Min, double Max)[] Metrics =
        [("water_level_cm", "cm", 0, 40), ("rainfall_mm_h", "mm/h", 0, 50), ("pm25", "ug/m3", 5, 180), ("noise_db", "dB", 35, 85), ("manhole_tilt_deg", "deg", 0, 12)];

    private const int MaxScenes = 40;
    private const double NeighbourCameraMeters = 250;

    private readonly CityPack _pack;
    private readonly string _source;
    private readonly Random _random;
    private readonly RegisteredPoint[] _cameras;
    private readonly RegisteredPoint[] _sensors;
    private readonly List<Scene> _scenes = [];
    private long _sequence;

    private sealed record Scene(string Category, GeoPoint Location, RegisteredPoint[] Cameras, DateTimeOffset EndsAt);

    public DemoEventGenerator(CityPack pack, string source, int seed)
    {
        _pack = pack;
        _source = source;
        _random = new Random(seed);
        _cameras = pack.Points.Values.Where(p => p.Kind == "camera" && p.Regions.Codes.Length > 0).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        _sensors = pack.Points.Values.Where(p => p.Kind == "sensor" && p.Regions.Codes.Length > 0).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
    }

    public bool HasPoints => _cameras.Length > 0 || _sensors.Length > 0;

    /// <summary>The next event as UTF-8 JSON, observed at <paramref name="now"/>.</summary>
    public byte[] Next(DateTimeOffset now)
    {
        _scenes.RemoveAll(s => s.EndsAt <= now);
        var roll = _random.NextDouble();
        if (_cameras.Length > 0 && (_scenes.Count == 0 || (roll < 0.12 && _scenes.Count < MaxScenes))) StartScene(now);
        if (_sensors.Length > 0 && (_cameras.Length == 0 || roll > 0.8)) return Reading(now);
        var scene = _scenes[_random.Next(_scenes.Count)];
        var camera = scene.Cameras[_random.Next(scene.Cameras.Length)];
        return Detection(scene, camera, now);
    }

    private void StartScene(DateTimeOffset now)
    {
        var camera = _cameras[_random.Next(_cameras.Length)];
        var location = Offset(camera.Location, _random.NextDouble() * 40);
        var nearby = _cameras.Where(c => c.Location.DistanceMetersTo(location) <= NeighbourCameraMeters).ToArray();
        _scenes.Add(new Scene(Categories[_random.Next(Categories.Length)], location, nearby.Length > 0 ? nearby : [camera], now + TimeSpan.FromMinutes(2 + _random.NextDouble() * 4)));
    }

    private byte[] Detection(Scene scene, RegisteredPoint camera, DateTimeOffset now)
    {
        var seen = Offset(scene.Location, _random.NextDouble() * 15);
        var (lon, lat) = InPackCrs(seen);
        return Serialize(CloudEventTypes.Detection, camera.Id, now, new Dictionary<string, object>
        {
            ["category"] = scene.Category,
            ["confidence"] = Math.Round(0.6 + _random.NextDouble() * 0.39, 2),
            ["lon"] = lon,
            ["lat"] = lat,
            ["crs"] = CrsName(),
        });
    }

    private byte[] Reading(DateTimeOffset now)
    {
        var sensor = _sensors[_random.Next(_sensors.Length)];
        var (metric, unit, min, max) = Metrics[Math.Abs(sensor.Id.GetHashCode(StringComparison.Ordinal)) % Metrics.Length];
        var (lon, lat) = InPackCrs(sensor.Location);
        return Serialize(CloudEventTypes.Reading, sensor.Id, now, new Dictionary<string, object>
        {
            ["metric"] = metric,
            ["value"] = Math.Round(min + _random.NextDouble() * (max - min), 1),
            ["unit"] = unit,
            ["lon"] = lon,
            ["lat"] = lat,
            ["crs"] = CrsName(),
        });
    }

    private byte[] Serialize(string type, string subject, DateTimeOffset now, Dictionary<string, object> data) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = $"{_source}-{now.ToUnixTimeMilliseconds()}-{++_sequence}",
            ["source"] = _source,
            ["type"] = type,
            ["subject"] = subject,
            ["time"] = now.ToString("O"),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        });

    private (double Lon, double Lat) InPackCrs(GeoPoint wgs84)
    {
        var p = CrsConverter.FromWgs84(wgs84, _pack.DefaultEventCrs);
        return (Math.Round(p.Longitude, 7), Math.Round(p.Latitude, 7));
    }

    private string CrsName() => _pack.DefaultEventCrs.ToString().ToLowerInvariant();

    private GeoPoint Offset(GeoPoint origin, double meters)
    {
        var bearing = _random.NextDouble() * 2 * Math.PI;
        return origin.MovedBy(meters * Math.Sin(bearing), meters * Math.Cos(bearing));
    }
}
