using System.Globalization;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Spatial;

namespace CityBrain.Ingest.Events;

/// <summary>
/// Turns one CloudEvents 1.0 structured-mode JSON event into an <see cref="Observation"/>: validates it, converts
/// its coordinates to WGS84 and locates it in the region tree. Every refusal names the field.
/// Stateless and thread-safe; the same instance serves MQTT, HTTP and the demo feed.
/// </summary>
public sealed class EventNormalizer(CityPack pack)
{
    private const string KnownTypes = $"{CloudEventTypes.Detection}, {CloudEventTypes.Reading}, {CloudEventTypes.Report}, {CloudEventTypes.Recheck}";

    public NormalizeResult Normalize(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            return NormalizeResult.Fail("$", $"not valid JSON: {e.Message}", null, null);
        }

        using (document)
        {
            return Normalize(document.RootElement);
        }
    }

    public NormalizeResult Normalize(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return NormalizeResult.Fail("$", $"a CloudEvent must be a JSON object, not {root.ValueKind}", null, null);
        var id = Text(root, "id");
        var source = Text(root, "source");
        NormalizeResult Fail(string field, string reason) => NormalizeResult.Fail(field, reason, id, source);

        var specVersion = Text(root, "specversion");
        if (specVersion is null) return Fail("specversion", "required; must be \"1.0\"");
        if (specVersion != "1.0") return Fail("specversion", $"\"{specVersion}\" is not supported; must be \"1.0\"");
        if (string.IsNullOrWhiteSpace(id)) return Fail("id", "required: a non-empty string, unique per source");
        if (string.IsNullOrWhiteSpace(source)) return Fail("source", "required: a non-empty string naming the sending system");
        var type = Text(root, "type");
        var kind = type switch
        {
            CloudEventTypes.Detection => ObservationKind.Detection,
            CloudEventTypes.Reading => ObservationKind.Reading,
            CloudEventTypes.Report => ObservationKind.Report,
            CloudEventTypes.Recheck => ObservationKind.Recheck,
            null => (ObservationKind?)null,
            _ => null,
        };
        if (kind is null) return Fail("type", type is null ? $"required: one of {KnownTypes}" : $"\"{type}\" is not one of {KnownTypes}");
        var subject = Text(root, "subject");
        if (string.IsNullOrWhiteSpace(subject)) return Fail("subject", "required: the id of the reporting point (camera, sensor or channel)");
        var timeText = Text(root, "time");
        if (timeText is null) return Fail("time", "required: when it happened, RFC 3339 (e.g. 2026-11-23T08:15:00+08:00)");
        if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return Fail("time", $"\"{timeText}\" is not an RFC 3339 timestamp");
        var contentType = Text(root, "datacontenttype");
        if (contentType is not null && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("datacontenttype", $"\"{contentType}\" is not JSON; structured mode with application/json data is required");
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return Fail("data", "required: a JSON object");

        string topic;
        double? value = null;
        string? unit = null;
        string? description = null;
        bool? stillPresent = null;
        switch (kind)
        {
            case ObservationKind.Reading:
                topic = Text(data, "metric")?.Trim().ToLowerInvariant() ?? "";
                if (topic.Length == 0) return Fail("data.metric", "required: what was measured, e.g. water_level_cm");
                if (!TryNumber(data, "value", out var reading, out var readingError)) return Fail("data.value", readingError);
                value = reading;
                unit = Text(data, "unit");
                break;
            default:
                topic = Text(data, "category")?.Trim().ToLowerInvariant() ?? "";
                if (topic.Length == 0) return Fail("data.category", "required: what was seen or reported, e.g. smoke_fire");
                if (data.TryGetProperty("confidence", out _))
                {
                    if (!TryNumber(data, "confidence", out var confidence, out var confidenceError)) return Fail("data.confidence", confidenceError);
                    if (confidence is < 0 or > 1) return Fail("data.confidence", $"{confidence.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
                    value = confidence;
                }

                description = Text(data, "description");
                if (kind == ObservationKind.Recheck)
                {
                    if (!data.TryGetProperty("present", out var present) || present.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        return Fail("data.present", "required for a recheck: true if the thing is still seen, false if it is gone");
                    }

                    stillPresent = present.GetBoolean();
                }

                break;
        }

        if (!TryNumber(data, "lon", out var lon, out var lonError)) return Fail("data.lon", lonError);
        if (!TryNumber(data, "lat", out var lat, out var latError)) return Fail("data.lat", latError);
        if (lon is < -180 or > 180) return Fail("data.lon", $"{lon.ToString(CultureInfo.InvariantCulture)} is outside [-180, 180]");
        if (lat is < -90 or > 90) return Fail("data.lat", $"{lat.ToString(CultureInfo.InvariantCulture)} is outside [-90, 90]");
        var crs = pack.EventCrsFor(source);
        var crsText = Text(data, "crs");
        if (crsText is not null && !CrsConverter.TryParse(crsText, out crs)) return Fail("data.crs", $"\"{crsText}\" is not a supported CRS (wgs84, gcj02, bd09)");
        var location = CrsConverter.ToWgs84(new GeoPoint(lon, lat), crs);
        var lookup = pack.Regions.Locate(location);
        if (lookup is null)
        {
            return Fail("data.lon", $"{location} (WGS84) lies outside every region of {pack.Name} and more than {pack.Regions.SnapToleranceMeters.ToString(CultureInfo.InvariantCulture)} m from the nearest; check the coordinates and their CRS");
        }

        return NormalizeResult.Ok(new Observation(new EventKey(source, id), subject, kind.Value, topic, location, time.ToUniversalTime(), lookup.Path, value, unit, description, StillPresent: stillPresent));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static bool TryNumber(JsonElement element, string name, out double value, out string error)
    {
        value = double.NaN;
        error = "";
        if (!element.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            error = "required: a number";
            return false;
        }

        if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out value) || !double.IsFinite(value))
        {
            error = $"must be a finite JSON number, not {p.GetRawText()}";
            return false;
        }

        return true;
    }
}
