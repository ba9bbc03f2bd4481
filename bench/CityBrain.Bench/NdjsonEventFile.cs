using System.Text;
using System.Text.Json;

namespace CityBrain.Bench;

public static class NdjsonEventFile
{
    private const string UnknownTopic = "city/unknown/events";

    public static List<ReplayEvent> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BenchException($"event file not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        var events = new List<ReplayEvent>();
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        while (!span.IsEmpty)
        {
            var newline = span.IndexOf((byte)'\n');
            var line = newline < 0 ? span : span[..newline];
            span = newline < 0 ? [] : span[(newline + 1)..];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            events.Add(Describe(line.ToArray()));
        }

        return events;
    }

    private static ReplayEvent Describe(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("source", out var sourceElement)
                || sourceElement.ValueKind != JsonValueKind.String
                || sourceElement.GetString() is not { Length: > 0 } source)
            {
                return new ReplayEvent(payload, null, UnknownTopic, false);
            }

            var topic = $"city/{SanitizeTopicSegment(source)}/events";
            if (!root.TryGetProperty("id", out var idElement)
                || idElement.ValueKind != JsonValueKind.String
                || idElement.GetString() is not { Length: > 0 } id)
            {
                return new ReplayEvent(payload, null, topic, false);
            }

            var hasCoordinates = root.TryGetProperty("data", out var data)
                && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("lon", out var lon) && lon.ValueKind == JsonValueKind.Number
                && data.TryGetProperty("lat", out var lat) && lat.ValueKind == JsonValueKind.Number;
            var subject = root.TryGetProperty("subject", out var subjectElement) && subjectElement.ValueKind == JsonValueKind.String ? subjectElement.GetString() : null;
            return new ReplayEvent(payload, new EventKey(source, id), topic, hasCoordinates, subject);
        }
        catch (JsonException)
        {
            return new ReplayEvent(payload, null, UnknownTopic, false);
        }
    }

    /// <summary>Keeps MQTT wildcards and separators (+, #, /) out of the topic level.</summary>
    public static string SanitizeTopicSegment(string source) =>
        string.Create(source.Length, source, static (chars, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                chars[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
            }
        });
}
