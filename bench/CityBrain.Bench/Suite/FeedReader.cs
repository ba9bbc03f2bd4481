using System.Text.Json;

namespace CityBrain.Bench.Suite;

/// <summary>
/// Reads a suite feed one line at a time, as the publishers want it (raw bytes, key, MQTT topic, Kafka key): a
/// million events are never in memory at once. Only the top-level <c>id</c> and <c>subject</c> are read, so the
/// bench spends little of the machine the host runs on.
/// </summary>
public static class FeedReader
{
    /// <summary>The MQTT topic of every suite event (<c>city/{source}/events</c>).</summary>
    public static readonly string Topic = $"city/{NdjsonEventFile.SanitizeTopicSegment(FeedEventId.Source)}/events";

    /// <summary>Lines <paramref name="skip"/> (counting from 0) up to but not including <paramref name="limit"/>.</summary>
    public static IEnumerable<ReplayEvent> Read(string path, int limit = int.MaxValue, int skip = 0)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        var count = 0;
        int read;
        while (count < limit && (read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                line.Write(buffer, start, i - start);
                start = i + 1;
                if (line.Length > 0)
                {
                    if (count >= skip) yield return Describe(line.ToArray());
                    if (++count >= limit) yield break;
                }

                line.SetLength(0);
            }

            line.Write(buffer, start, read - start);
        }

        if (count < limit && count >= skip && line.Length > 0) yield return Describe(line.ToArray());
    }

    public static ReplayEvent Describe(byte[] payload)
    {
        string? id = null;
        string? subject = null;
        string? source = null;
        var reader = new Utf8JsonReader(payload);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueTextEquals("id"u8) ? 1 : reader.ValueTextEquals("subject"u8) ? 2 : reader.ValueTextEquals("source"u8) ? 3 : 0;
                    reader.Read();
                    if (name > 0 && reader.TokenType == JsonTokenType.String)
                    {
                        var value = reader.GetString();
                        if (name == 1) id = value;
                        else if (name == 2) subject = value;
                        else source = value;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        var key = id is not null && source is not null ? new EventKey(source, id) : (EventKey?)null;
        var expects = id is not null && FeedEventId.TryParse(id, out _, out var kind, out _) && kind is FeedEventKind.Detection or FeedEventKind.Report;
        return new ReplayEvent(payload, key, Topic, expects, subject);
    }
}
