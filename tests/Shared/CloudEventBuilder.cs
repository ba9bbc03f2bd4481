using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CityBrain.Testing;

/// <summary>
/// A CloudEvent as the wire carries it (structured-mode JSON), built field by field so a test states only what it is
/// about: <c>CloudEventBuilder.Detection("crowd").Id(id).Subject(camera).At(lon, lat).ToJson()</c>. Values a test
/// leaves out are valid defaults (a fresh id, source <c>test</c>, the current time). Numbers are written in the
/// invariant culture; non-ASCII text is written as is (readable in a failure, and what real senders do).
/// </summary>
public sealed class CloudEventBuilder
{
    private static readonly JsonSerializerOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject _data = new();
    private string _id = Guid.NewGuid().ToString("N");
    private string _source = "test";
    private string _subject = "test-point";
    private string? _time;

    private CloudEventBuilder(string type) => Type = type;

    /// <summary>The CloudEvents <c>type</c>.</summary>
    public string Type { get; }

    /// <summary>A <c>city.camera.detection</c> of <paramref name="category"/>, confidence 0.9 unless set.</summary>
    public static CloudEventBuilder Detection(string category) =>
        new CloudEventBuilder("city.camera.detection").Data("category", category).Confidence(0.9);

    /// <summary>A <c>city.sensor.reading</c> of <paramref name="metric"/>; the unit is left out unless set.</summary>
    public static CloudEventBuilder Reading(string metric, double value) =>
        new CloudEventBuilder("city.sensor.reading").Data("metric", metric).Data("value", value);

    /// <summary>A <c>city.report</c> (a citizen's report) of <paramref name="category"/>, through the hotline point <c>12345</c> unless set.</summary>
    public static CloudEventBuilder Report(string category) =>
        new CloudEventBuilder("city.report").Subject("12345").Data("category", category);

    /// <summary>A <c>city.camera.recheck</c>: whether what the camera saw of <paramref name="category"/> is still <paramref name="present"/>.</summary>
    public static CloudEventBuilder Recheck(string category, bool present) =>
        new CloudEventBuilder("city.camera.recheck").Data("category", category).Data("present", present);

    public CloudEventBuilder Id(string id)
    {
        _id = id;
        return this;
    }

    public CloudEventBuilder Source(string source)
    {
        _source = source;
        return this;
    }

    /// <summary>The point (camera, sensor) the event is from.</summary>
    public CloudEventBuilder Subject(string pointId)
    {
        _subject = pointId;
        return this;
    }

    /// <summary>When it happened; written in the round-trip format (<c>O</c>).</summary>
    public CloudEventBuilder Time(DateTimeOffset time)
    {
        _time = time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>Where it happened, in degrees; <paramref name="crs"/> (<c>wgs84</c>, <c>gcj02</c>, <c>bd09</c>) is written only when given.</summary>
    public CloudEventBuilder At(double longitude, double latitude, string? crs = null)
    {
        Data("lon", longitude).Data("lat", latitude);
        return crs is null ? this : Data("crs", crs);
    }

    public CloudEventBuilder Confidence(double confidence) => Data("confidence", confidence);

    public CloudEventBuilder Unit(string unit) => Data("unit", unit);

    public CloudEventBuilder Description(string description) => Data("description", description);

    /// <summary>Any other <c>data</c> field, or one of the above with a value of the wrong kind (a test of refusals).</summary>
    public CloudEventBuilder Data(string field, JsonNode? value)
    {
        _data[field] = value;
        return this;
    }

    /// <summary>Leaves a <c>data</c> field out (a test of a missing field).</summary>
    public CloudEventBuilder WithoutData(string field)
    {
        _data.Remove(field);
        return this;
    }

    /// <summary>The event as a JSON object, in the order the CloudEvents spec lists its attributes.</summary>
    public JsonObject ToJsonObject() => new()
    {
        ["specversion"] = "1.0",
        ["id"] = _id,
        ["source"] = _source,
        ["type"] = Type,
        ["subject"] = _subject,
        ["time"] = _time ?? DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = _data.DeepClone(),
    };

    /// <summary>The event as one line of JSON text (also one NDJSON line).</summary>
    public string ToJson() => ToJsonObject().ToJsonString(Writing);

    /// <summary>The event as UTF-8 bytes, as a broker carries it.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToJson());

    public override string ToString() => ToJson();
}
