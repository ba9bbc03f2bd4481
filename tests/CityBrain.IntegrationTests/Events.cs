using System.Globalization;
using System.Text;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using Microsoft.Extensions.Options;

namespace CityBrain.IntegrationTests;

/// <summary>Builds observations the way ingest does: CloudEvents JSON through the real normaliser.</summary>
public sealed class Events(CityPack pack)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly EventNormalizer _normalizer = new(pack, TimeProvider.System, Options.Create(new IngestOptions()));

    /// <summary>A category no other test uses, so tests never correlate with each other.</summary>
    public static string UniqueCategory(string name) => $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 60)];

    public Observation Detection(string id, string camera, GeoPoint at, DateTimeOffset time, string category) =>
        Normalize($$$"""
            {"specversion":"1.0","id":"{{{id}}}","source":"it","type":"city.camera.detection","subject":"{{{camera}}}","time":"{{{time:O}}}",
             "data":{"category":"{{{category}}}","confidence":0.9,"lon":{{{F(at.Longitude)}}},"lat":{{{F(at.Latitude)}}}}}
            """);

    public Observation Reading(string id, string sensor, GeoPoint at, DateTimeOffset time, string metric, double value) =>
        Normalize($$$"""
            {"specversion":"1.0","id":"{{{id}}}","source":"it","type":"city.sensor.reading","subject":"{{{sensor}}}","time":"{{{time:O}}}",
             "data":{"metric":"{{{metric}}}","value":{{{F(value)}}},"unit":"cm","lon":{{{F(at.Longitude)}}},"lat":{{{F(at.Latitude)}}}}}
            """);

    /// <summary>A camera's recheck of what it saw: <paramref name="present"/> says whether it is still there.</summary>
    public Observation Recheck(string id, string camera, GeoPoint at, DateTimeOffset time, string category, bool present) =>
        Normalize($$$"""
            {"specversion":"1.0","id":"{{{id}}}","source":"it","type":"city.camera.recheck","subject":"{{{camera}}}","time":"{{{time:O}}}",
             "data":{"category":"{{{category}}}","present":{{{(present ? "true" : "false")}}},"lon":{{{F(at.Longitude)}}},"lat":{{{F(at.Latitude)}}}}}
            """);

    /// <summary>A citizen report through the hotline point <c>12345</c>, with the hotline's own ticket id as the event id.</summary>
    public Observation Report(string ticket, GeoPoint at, DateTimeOffset time, string category) =>
        Normalize($$$"""
            {"specversion":"1.0","id":"{{{ticket}}}","source":"hotline-12345","type":"city.report","subject":"12345","time":"{{{time:O}}}",
             "data":{"category":"{{{category}}}","description":"reported by phone","lon":{{{F(at.Longitude)}}},"lat":{{{F(at.Latitude)}}}}}
            """);

    private Observation Normalize(string json)
    {
        var result = _normalizer.Normalize(Encoding.UTF8.GetBytes(json));
        return result.Observation ?? throw new InvalidOperationException($"test event refused: {result.Error}");
    }

    private static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
