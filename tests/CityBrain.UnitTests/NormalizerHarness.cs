using System.Text;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests;

/// <summary>The Twin pack's normaliser on a stopped clock, and valid events to spoil one field at a time.</summary>
public static class NormalizerHarness
{
    public static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());

    /// <summary>The normaliser's now: an hour after <see cref="Detection"/>'s time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public const string Detection = """
        {"specversion":"1.0","id":"e1","source":"vca","type":"city.camera.detection","subject":"cam-a","time":"2026-11-23T08:00:00Z","datacontenttype":"application/json","data":{"category":"smoke_fire","confidence":0.9,"lon":10.01,"lat":50.01,"crs":"wgs84"}}
        """;

    public const string Reading = """
        {"specversion":"1.0","id":"r1","source":"iot","type":"city.sensor.reading","subject":"s1","time":"2026-11-23T08:00:00Z","data":{"metric":"water_level_cm","value":23.5,"unit":"cm","lon":10.03,"lat":50.01}}
        """;

    public const string Report = """
        {"specversion":"1.0","id":"p1","source":"hotline","type":"city.report","subject":"12345","time":"2026-11-23T08:00:00Z","data":{"category":"garbage_overflow","description":"bins full","lon":10.01,"lat":50.01}}
        """;

    public static EventNormalizer Normalizer(IngestOptions? options = null, DateTimeOffset? now = null) =>
        new(Twin, new StoppedClock(now ?? Now), Options.Create(options ?? new IngestOptions()));

    public static NormalizeResult Normalize(string json) => Normalizer().Normalize(Encoding.UTF8.GetBytes(json));

    public static NormalizeResult Normalize(byte[] payload) => Normalizer().Normalize(payload);

    /// <summary>The refusal of <paramref name="json"/>; fails the test when it was taken.</summary>
    public static EventError Refusal(string json) => Refusal(Encoding.UTF8.GetBytes(json));

    public static EventError Refusal(byte[] payload)
    {
        var result = Normalize(payload);
        Assert.True(result.Observation is null, $"taken, not refused: {Encoding.UTF8.GetString(payload)}");
        return result.Error!;
    }
}
