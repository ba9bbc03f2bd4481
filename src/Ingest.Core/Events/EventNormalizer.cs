using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Spatial;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Events;

/// <summary>
/// Turns one CloudEvents 1.0 structured-mode JSON event into an <see cref="Observation"/>: validates it, converts
/// its coordinates to WGS84 and locates it in the region tree. Total: any bytes give an observation or a refusal
/// whose reason names the field, never an exception, because one unreadable message must not stop a transport.
/// Bounds: <see cref="EventLimits"/>; event times between <see cref="IngestOptions.EarliestEventTime"/> and
/// <see cref="IngestOptions.MaxFutureSkewSeconds"/> past the injected clock's now.
/// Stateless and thread-safe; the same instance serves MQTT, Kafka, HTTP and the demo feed.
/// </summary>
public sealed class EventNormalizer
{
    private const string KnownTypes = $"{CloudEventTypes.Detection}, {CloudEventTypes.Reading}, {CloudEventTypes.Report}, {CloudEventTypes.Recheck}";
    private const string Empty = "empty: a CloudEvent JSON object is required";
    private const int MessageMaxLength = 200;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = EventLimits.MaxDepth };
    private static readonly JsonDocumentOptions DuplicatesAllowed = new() { MaxDepth = EventLimits.MaxDepth };
    private static readonly string ReadingRange = FormattableString.Invariant($"[{-EventLimits.ReadingMaxMagnitude:0.#######E+0}, {EventLimits.ReadingMaxMagnitude:0.#######E+0}]");

    private readonly CityPack _pack;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxFutureSkew;
    private readonly DateTimeOffset _earliest;

    public EventNormalizer(CityPack pack, TimeProvider clock, IOptions<IngestOptions> options)
    {
        _pack = pack;
        _clock = clock;
        _maxFutureSkew = TimeSpan.FromSeconds(options.Value.MaxFutureSkewSeconds);
        _earliest = options.Value.EarliestEventTime.ToUniversalTime();
    }

    /// <summary>Normalises one event given as raw bytes (UTF-8 JSON; a leading UTF-8 byte order mark is skipped). Never throws.</summary>
    public NormalizeResult Normalize(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return NormalizeBytes(utf8Json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every known fault is refused explicitly above; this keeps an unknown one (a bug) from stopping a transport.
            return NormalizeResult.Fail("$", $"could not be read ({e.GetType().Name}: {EventText.Quote(e.Message)}); this is a CityBrain defect, please report it with the payload", null, null);
        }
    }

    private NormalizeResult NormalizeBytes(ReadOnlyMemory<byte> payload)
    {
        var skipped = payload.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        var json = payload[skipped..];
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty) return NormalizeResult.Fail("$", Empty, null, null);
        if (!Utf8.IsValid(json.Span))
        {
            var at = JsonDiagnostics.InvalidUtf8At(json.Span);
            return NormalizeResult.Fail("$", FormattableString.Invariant($"not valid UTF-8 at byte {skipped + at} (0x{json.Span[at]:X2}); JSON text must be UTF-8"), null, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException e)
        {
            return NormalizeResult.Fail(NotJson(json, skipped, e), null, null);
        }
        catch (InvalidOperationException) when (UnreadableNameAnywhere(json) is { } path)
        {
            // The check for repeated names reads every name, and a name escaping half a surrogate pair cannot be read.
            return NormalizeResult.Fail(path, "holds a property name with an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF), which is not text", null, null);
        }

        using (document)
        {
            return Normalize(document.RootElement);
        }
    }

    /// <summary>The path of the first object holding a property name that is not text, or null.</summary>
    private static string? UnreadableNameAnywhere(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var lenient = JsonDocument.Parse(json, DuplicatesAllowed);
            return JsonDiagnostics.FirstUnreadableName(lenient.RootElement, "$");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static EventError NotJson(ReadOnlyMemory<byte> json, int skipped, JsonException e)
    {
        // The reader stops at the first fault; nesting is that fault when the too-deep bracket comes no later.
        var tooDeep = JsonDiagnostics.TooDeepAt(json.Span, EventLimits.MaxDepth);
        var offset = e.LineNumber is { } line ? JsonDiagnostics.OffsetOf(json.Span, line, e.BytePositionInLine ?? 0) : long.MaxValue;
        if (tooDeep >= 0 && tooDeep <= offset)
        {
            return new EventError("$", FormattableString.Invariant($"nested deeper than {EventLimits.MaxDepth} levels of objects and arrays at byte {skipped + tooDeep}"));
        }

        if (offset != long.MaxValue)
        {
            return new EventError("$", FormattableString.Invariant($"not valid JSON at byte {skipped + offset}: {EventText.Escape(JsonDiagnostics.MessageWithoutPosition(e), MessageMaxLength)}"));
        }

        // The reader gives no position for a repeated property; parsing again with repeats allowed finds it by path.
        try
        {
            using var lenient = JsonDocument.Parse(json, DuplicatesAllowed);
            if (JsonDiagnostics.FirstDuplicate(lenient.RootElement, "$") is { } path)
            {
                return new EventError(path, "appears more than once in its object; each property may be given once");
            }
        }
        catch (JsonException)
        {
            // Not a repeat after all: the reader's own message below is the best there is.
        }

        return new EventError("$", $"not valid JSON: {EventText.Escape(JsonDiagnostics.MessageWithoutPosition(e), MessageMaxLength)}");
    }

    private NormalizeResult Normalize(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return NormalizeResult.Fail("$", $"a CloudEvent must be a JSON object, not {EventText.KindName(root.ValueKind)}", null, null);
        if (UnreadableName(root) is { } rootName) return NormalizeResult.Fail("$", rootName, null, null);

        var idProblem = Key(root, "id", "required: a non-empty string, unique per source", out var id);
        var sourceProblem = Key(root, "source", "required: a non-empty string naming the sending system", out var source);
        NormalizeResult Fail(string field, string reason) => NormalizeResult.Fail(field, reason, id, source);

        if (Text(root, "specversion", optional: false, out var specVersion) is { } specProblem) return Fail("specversion", specProblem);
        if (specVersion is null) return Fail("specversion", "required; must be \"1.0\"");
        if (specVersion != "1.0") return Fail("specversion", $"{EventText.Quote(specVersion)} is not supported; must be \"1.0\"");
        if (idProblem is not null) return Fail("id", idProblem);
        if (sourceProblem is not null) return Fail("source", sourceProblem);
        if (Text(root, "type", optional: false, out var type) is { } typeProblem) return Fail("type", typeProblem);
        ObservationKind? kind = type switch
        {
            CloudEventTypes.Detection => ObservationKind.Detection,
            CloudEventTypes.Reading => ObservationKind.Reading,
            CloudEventTypes.Report => ObservationKind.Report,
            CloudEventTypes.Recheck => ObservationKind.Recheck,
            _ => null,
        };
        if (kind is null) return Fail("type", type is null ? $"required: one of {KnownTypes}" : $"{EventText.Quote(type)} is not one of {KnownTypes}");
        if (Key(root, "subject", "required: the id of the reporting point (camera, sensor or channel)", out var subject) is { } subjectProblem) return Fail("subject", subjectProblem);
        if (Text(root, "time", optional: false, out var timeText) is { } timeTypeProblem) return Fail("time", timeTypeProblem);
        if (timeText is null) return Fail("time", $"required: when it happened, {Rfc3339.Shape}");
        if (!Rfc3339.TryParse(timeText, out var time, out var timeProblem)) return Fail("time", $"{EventText.Quote(timeText)} {timeProblem}");
        if (TimeProblem(time) is { } timeRange) return Fail("time", timeRange);
        if (Text(root, "datacontenttype", optional: true, out var contentType) is { } contentTypeProblem) return Fail("datacontenttype", contentTypeProblem);
        if (contentType is not null && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("datacontenttype", $"{EventText.Quote(contentType)} is not JSON; structured mode with application/json data is required");
        }

        if (!root.TryGetProperty("data", out var data)) return Fail("data", "required: a JSON object");
        if (data.ValueKind != JsonValueKind.Object) return Fail("data", $"must be a JSON object, not {EventText.KindName(data.ValueKind)}");
        if (UnreadableName(data) is { } dataName) return Fail("data", dataName);

        string category;
        double? value = null;
        double? confidence = null;
        string? unit = null;
        string? description = null;
        bool? stillPresent = null;
        switch (kind)
        {
            case ObservationKind.Reading:
                if (Category(data, "metric", "required: what was measured, e.g. water_level_cm", out category) is { } metricProblem) return Fail("data.metric", metricProblem);
                if (Number(data, "value", optional: false, out var reading) is { } readingProblem) return Fail("data.value", readingProblem);
                if (Math.Abs(reading!.Value) > EventLimits.ReadingMaxMagnitude) return Fail("data.value", $"{Show(reading.Value)} is outside {ReadingRange}");
                value = reading;
                if (Text(data, "unit", optional: true, out unit) is { } unitType) return Fail("data.unit", unitType);
                if (unit is not null && Bounded(unit, EventLimits.UnitMaxLength, freeText: false) is { } unitProblem) return Fail("data.unit", unitProblem);
                break;
            default:
                if (Category(data, "category", "required: what was seen or reported, e.g. smoke_fire", out category) is { } categoryProblem) return Fail("data.category", categoryProblem);
                if (Number(data, "confidence", optional: true, out confidence) is { } confidenceProblem) return Fail("data.confidence", confidenceProblem);
                if (confidence is < 0 or > 1) return Fail("data.confidence", $"{Show(confidence.Value)} is outside [0, 1]");
                if (Text(data, "description", optional: true, out description) is { } descriptionType) return Fail("data.description", descriptionType);
                if (description is not null && Bounded(description, EventLimits.DescriptionMaxLength, freeText: true) is { } descriptionProblem) return Fail("data.description", descriptionProblem);
                if (kind == ObservationKind.Recheck)
                {
                    if (!data.TryGetProperty("present", out var present)) return Fail("data.present", "required for a recheck: true if the thing is still seen, false if it is gone");
                    if (present.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Fail("data.present", $"must be true or false, not {EventText.KindName(present.ValueKind)}");
                    stillPresent = present.GetBoolean();
                }

                break;
        }

        var lonProblem = Number(data, "lon", optional: false, out var lon);
        var latProblem = Number(data, "lat", optional: false, out var lat);
        if (lonProblem is null && lon is < -180 or > 180) lonProblem = $"{Show(lon!.Value)} is outside [-180, 180]";
        if (latProblem is null && lat is < -90 or > 90) latProblem = $"{Show(lat!.Value)} is outside [-90, 90]";
        if (lonProblem is not null || latProblem is not null)
        {
            var coordinates = new List<EventFieldError>(2);
            if (lonProblem is not null) coordinates.Add(new EventFieldError("data.lon", lonProblem));
            if (latProblem is not null) coordinates.Add(new EventFieldError("data.lat", latProblem));
            return NormalizeResult.Fail(EventError.Of(coordinates), id, source);
        }

        var crs = _pack.EventCrsFor(source!);
        if (Text(data, "crs", optional: true, out var crsText) is { } crsType) return Fail("data.crs", crsType);
        if (crsText is not null)
        {
            if (crsText.Length > EventLimits.CrsMaxLength) return Fail("data.crs", $"{EventText.Quote(crsText)} is longer than {EventLimits.CrsMaxLength} characters; one of wgs84, gcj02, bd09");
            if (!CrsConverter.TryParse(crsText, out crs)) return Fail("data.crs", $"{EventText.Quote(crsText)} is not a supported CRS (wgs84, gcj02, bd09)");
        }

        var location = CrsConverter.ToWgs84(new GeoPoint(lon!.Value, lat!.Value), crs);
        var regions = _pack.RegionsOf(subject!, location);
        if (regions is null)
        {
            return Fail("data.lon", $"{location} (WGS84) lies outside every region of {_pack.Name} and more than {_pack.Regions.SnapToleranceMeters.ToString(CultureInfo.InvariantCulture)} m from the nearest; check the coordinates and their CRS");
        }

        return NormalizeResult.Ok(new Observation(new EventKey(source!, id!), subject!, kind.Value, category, location, time, regions, value, unit, description, StillPresent: stillPresent, Confidence: confidence));
    }

    /// <summary>Why an event at <paramref name="time"/> (UTC) is not taken, or null.</summary>
    private string? TimeProblem(DateTimeOffset time)
    {
        if (time < _earliest)
        {
            return $"{Show(time)} is before {Show(_earliest)}, the earliest event time taken (Ingest:EarliestEventTime)";
        }

        // A difference, not now + skew: no arithmetic near DateTimeOffset's ends can overflow.
        var now = _clock.GetUtcNow();
        if (time - now > _maxFutureSkew)
        {
            return FormattableString.Invariant($"{Show(time)} is more than {_maxFutureSkew.TotalSeconds:0} s ahead of this node's clock ({Show(now)}); check the sender's clock and time zone (Ingest:MaxFutureSkewSeconds)");
        }

        return null;
    }

    /// <summary>A reason when a property name of <paramref name="element"/> is not text (an unpaired surrogate escape), or null.</summary>
    private static string? UnreadableName(JsonElement element)
    {
        var index = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (JsonDiagnostics.HasUnpairedSurrogateName(property))
            {
                return $"property {index} has a name holding an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF), which is not text";
            }

            index++;
        }

        return null;
    }

    /// <summary>
    /// Reads the string property <paramref name="name"/>: a reason when it is there but not readable text, otherwise
    /// null with <paramref name="value"/> null when absent (or JSON null, for an <paramref name="optional"/> property).
    /// </summary>
    private static string? Text(JsonElement parent, string name, bool optional, out string? value)
    {
        value = null;
        if (!parent.TryGetProperty(name, out var property)) return null;
        if (optional && property.ValueKind == JsonValueKind.Null) return null;
        if (property.ValueKind != JsonValueKind.String) return $"must be a string, not {EventText.KindName(property.ValueKind)}";

        // GetString throws on an escaped lone surrogate; UTF-8 itself was checked before parsing.
        if (JsonDiagnostics.HasUnpairedSurrogateEscape(JsonMarshal.GetRawUtf8Value(property))) return "holds an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF), which is not text";
        value = property.GetString();
        return null;
    }

    /// <summary>A required one-line name of 1 to <see cref="EventLimits.KeyMaxLength"/> characters (id, source, subject).</summary>
    private static string? Key(JsonElement parent, string name, string required, out string? value)
    {
        var problem = Text(parent, name, optional: false, out value);
        if (problem is null && string.IsNullOrWhiteSpace(value)) problem = value is null ? required : $"{required}; got {EventText.Quote(value)}";
        problem ??= Bounded(value!, EventLimits.KeyMaxLength, freeText: false);
        if (problem is not null) value = null;
        return problem;
    }

    /// <summary>A category or metric: at most <see cref="EventLimits.CategoryMaxLength"/> characters as sent, normalised by <see cref="CategoryKey"/>.</summary>
    private static string? Category(JsonElement parent, string name, string required, out string category)
    {
        category = "";
        if (Text(parent, name, optional: false, out var raw) is { } problem) return problem;
        if (string.IsNullOrWhiteSpace(raw)) return raw is null ? required : $"{required}; got {EventText.Quote(raw)}";
        if (Bounded(raw, EventLimits.CategoryMaxLength, freeText: false) is { } bounds) return bounds;
        category = CategoryKey.Normalize(raw);
        return category.Length == 0 ? $"{EventText.Quote(raw)} holds no letter or digit; {required}" : null;
    }

    /// <summary>A reason when <paramref name="text"/> is longer than <paramref name="maxLength"/> or holds a character it must not, or null.</summary>
    private static string? Bounded(string text, int maxLength, bool freeText)
    {
        if (text.Length > maxLength) return $"is {text.Length} characters long; at most {maxLength}";
        var at = EventText.ForbiddenCharacterAt(text, allowNewlineAndTab: freeText);
        if (at < 0) return null;
        var allowed = freeText ? " (only \\n, \\r and \\t are allowed)" : "";
        return $"holds the control character {EventText.CodePoint(text[at])} at index {at} (0-based){allowed}; control characters are refused because they forge log lines";
    }

    /// <summary>Reads a finite number: a reason when it is missing (unless <paramref name="optional"/>) or not one, otherwise null.</summary>
    private static string? Number(JsonElement parent, string name, bool optional, out double? value)
    {
        value = null;
        if (!parent.TryGetProperty(name, out var property)) return optional ? null : "required: a number";
        if (optional && property.ValueKind == JsonValueKind.Null) return null;
        switch (property.ValueKind)
        {
            case JsonValueKind.Number:
                if (property.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    value = number;
                    return null;
                }

                return $"must be a finite JSON number, not {EventText.Escape(property.GetRawText(), EventLimits.EchoMaxLength)}";
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(property);
                var text = JsonDiagnostics.HasUnpairedSurrogateEscape(raw) ? "(not text)" : EventText.Quote(property.GetString()!);
                return $"must be a finite JSON number, not string {text}";
            default:
                return $"must be a finite JSON number, not {EventText.KindName(property.ValueKind)}";
        }
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Show(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
