using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityBrain.Ingest.Events;

namespace CityBrain.Ingest.Batches;

/// <summary>
/// Cuts a posted body into its events without reading them: one JSON object, the elements of a JSON array, or
/// the non-blank lines of NDJSON. Each event keeps its exact bytes (a dead letter keeps what was sent, even bytes
/// that are not UTF-8 inside a string). Whole-body faults (empty, binary, not JSON) are refused here with one
/// position, in one numbering; each event's own faults are the normaliser's. Pure and thread-safe.
/// </summary>
public static partial class EventBatchSplitter
{
    public const string EmptyBody = "empty body: send one CloudEvent (JSON object), a JSON array of them, or NDJSON";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Split <paramref name="body"/>. At most <paramref name="maxItems"/> events are kept; past that the rest are
    /// only counted, so a body of millions of tiny events costs no memory beyond itself.
    /// </summary>
    /// <param name="body">The request body as received.</param>
    /// <param name="ndjson">True when the client said NDJSON (its Content-Type): one event per line.</param>
    /// <param name="maxItems">Events kept, at least 1.</param>
    public static EventBatchSplit Split(ReadOnlyMemory<byte> body, bool ndjson, int maxItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var start = body.Span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var content = body[start..];
        var first = content.Span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0) return EventBatchSplit.Refused(EmptyBody);
        if (BinaryAt(content.Span, first)) return EventBatchSplit.Refused(Binary(content.Span, first, start));

        // A NUL never occurs in JSON text, not even inside a string (it would be escaped).
        var nul = content.Span.IndexOf((byte)0);
        if (nul >= 0) return EventBatchSplit.Refused(Binary(content.Span, nul, start));

        return ndjson ? SplitLines(content, maxItems) : SplitJson(content, start, maxItems);
    }

    private static EventBatchSplit SplitLines(ReadOnlyMemory<byte> body, int maxItems)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var count = 0;
        var rest = body;
        while (!rest.IsEmpty)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            if (line.Span.Trim(" \t\r"u8).IsEmpty) continue;
            if (++count <= maxItems) items.Add(line);
        }

        return new EventBatchSplit(items, count, Single: false, Error: null);
    }

    private static EventBatchSplit SplitJson(ReadOnlyMemory<byte> body, int bomLength, int maxItems)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var count = 0;
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                // Throws if anything but whitespace follows the one value.
                reader.Read();
                return new EventBatchSplit([body], 1, Single: true, Error: null);
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (++count <= maxItems) items.Add(body[itemStart..(int)reader.BytesConsumed]);
            }

            // Throws on anything after the closing bracket, and on a missing one.
            reader.Read();
            if (count == 0) return EventBatchSplit.Refused("no events in the body: the array is empty");
            return new EventBatchSplit(items, count, Single: false, Error: null);
        }
        catch (JsonException e)
        {
            return EventBatchSplit.Refused(NotJson(body.Span, e, count, bomLength));
        }
    }

    private static string NotJson(ReadOnlySpan<byte> body, JsonException e, int itemsBefore, int bomLength)
    {
        var line = e.LineNumber ?? 0;
        var byteInLine = e.BytePositionInLine ?? 0;
        var offset = OffsetOf(body, line, byteInLine);
        if (offset < body.Length && BinaryAt(body, offset)) return Binary(body, offset, bomLength);
        var where = $"line {line + 1}, byte {byteInLine + 1} (both counted from 1)";
        if (itemsBefore > 0) where += $", in event [{itemsBefore}]";
        var text = $"not valid JSON at {where}: {ReaderMessage(e)}";
        if (LooksLikeNdjson(body)) text += "; the body looks like one JSON object per line: send it with Content-Type application/x-ndjson";
        return text;
    }

    /// <summary>System.Text.Json's message without its own 0-based position, which would contradict ours.</summary>
    internal static string ReaderMessage(JsonException e) => PositionSuffix().Replace(e.Message, "").TrimEnd();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex PositionSuffix();

    private static int OffsetOf(ReadOnlySpan<byte> body, long line, long byteInLine)
    {
        var offset = 0;
        for (var l = 0L; l < line; l++)
        {
            var newline = body[offset..].IndexOf((byte)'\n');
            if (newline < 0) return body.Length;
            offset += newline + 1;
        }

        return (int)Math.Min(body.Length, offset + byteInLine);
    }

    /// <summary>
    /// A byte that cannot stand where JSON text is expected: a control character (not whitespace) or the start of
    /// something that is not UTF-8. Bytes inside strings are not looked at here: they are the event's own fault.
    /// </summary>
    private static bool BinaryAt(ReadOnlySpan<byte> body, int offset)
    {
        var b = body[offset];
        if (b is 0x7F || (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')) return true;
        return b >= 0x80 && Rune.DecodeFromUtf8(body[offset..], out _, out _) != OperationStatus.Done;
    }

    private static string Binary(ReadOnlySpan<byte> body, int offset, int bomLength) =>
        $"the body is binary, not UTF-8 JSON text: byte {offset + bomLength + 1} (counted from 1) is 0x{body[offset]:X2}; send CloudEvents as UTF-8 JSON";

    /// <summary>Two or more non-blank lines, each one JSON object: what an NDJSON client sends without saying so.</summary>
    internal static bool LooksLikeNdjson(ReadOnlySpan<byte> body)
    {
        var lines = 0;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].Trim(" \t\r"u8);
            if (line.IsEmpty) continue;
            if (line[0] != (byte)'{' || line[^1] != (byte)'}') return false;
            lines++;
        }

        return lines >= 2;
    }
}
