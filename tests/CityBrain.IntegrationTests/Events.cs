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
        Normalize(CloudEventBuilder.Detection(category).Id(id).Source("it").Subject(camera).Time(time).At(at.Longitude, at.Latitude));

    public Observation Reading(string id, string sensor, GeoPoint at, DateTimeOffset time, string metric, double value) =>
        Normalize(CloudEventBuilder.Reading(metric, value).Unit("cm").Id(id).Source("it").Subject(sensor).Time(time).At(at.Longitude, at.Latitude));

    /// <summary>A camera's recheck of what it saw: <paramref name="present"/> says whether it is still there.</summary>
    public Observation Recheck(string id, string camera, GeoPoint at, DateTimeOffset time, string category, bool present) =>
        Normalize(CloudEventBuilder.Recheck(category, present).Id(id).Source("it").Subject(camera).Time(time).At(at.Longitude, at.Latitude));

    /// <summary>A citizen report through the hotline point <c>12345</c>, with the hotline's own ticket id as the event id.</summary>
    public Observation Report(string ticket, GeoPoint at, DateTimeOffset time, string category) =>
        Normalize(CloudEventBuilder.Report(category).Description("reported by phone").Id(ticket).Source("hotline-12345").Time(time).At(at.Longitude, at.Latitude));

    private Observation Normalize(CloudEventBuilder cloudEvent)
    {
        var result = _normalizer.Normalize(cloudEvent.ToBytes());
        return result.Observation ?? throw new InvalidOperationException($"test event refused: {result.Error}: {cloudEvent}");
    }
}
