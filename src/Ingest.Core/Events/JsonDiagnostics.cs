using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CityBrain.Ingest.Events;

/// <summary>
/// Finds where raw bytes stop being a readable event, to say so precisely in a refusal. Only the refusal paths
/// call these (the hot path asks the vectorised checks of the runtime first). Pure and thread-safe.
/// </summary>
internal static class JsonDiagnostics
{
    /// <summary>The offset of the first byte that does not begin a well-formed UTF-8 sequence; -1 when all is UTF-8.</summary>
    public static int InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }

        return -1;
    }

    /// <summary>
    /// The offset of the bracket that first nests objects and arrays deeper than <paramref name="maxDepth"/>, with
    /// strings skipped; -1 when nothing is that deep. Works on any bytes, valid JSON or not.
    /// </summary>
    public static int TooDeepAt(ReadOnlySpan<byte> bytes, int maxDepth)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (inString)
            {
                if (b == '\\') i++;
                else if (b == '"') inString = false;
                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    if (++depth > maxDepth) return i;
                    break;
                case (byte)'}' or (byte)']':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return -1;
    }

    /// <summary>The offset in <paramref name="bytes"/> of byte <paramref name="bytePositionInLine"/> of line <paramref name="lineNumber"/> (both 0-based, as <see cref="JsonException"/> counts them).</summary>
    public static long OffsetOf(ReadOnlySpan<byte> bytes, long lineNumber, long bytePositionInLine)
    {
        var lineStart = 0;
        for (var line = 0L; line < lineNumber; line++)
        {
            var newline = bytes[lineStart..].IndexOf((byte)'\n');
            if (newline < 0) break;
            lineStart += newline + 1;
        }

        return lineStart + bytePositionInLine;
    }

    /// <summary>The reader's message without the position it appends (the refusal states the position once, as a byte offset).</summary>
    public static string MessageWithoutPosition(JsonException e)
    {
        var message = e.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position < 0) position = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (position < 0 ? message : message[..position]).TrimEnd();
    }

    /// <summary>
    /// The first property name that appears twice in one object, as a JSON path (<c>data.category</c>), searched
    /// depth-first in document order; null when there is none. For a document parsed with duplicates allowed.
    /// </summary>
    public static string? FirstDuplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name)) continue;
                    var propertyPath = path == "$" ? name : $"{path}.{name}";
                    if (!seen.Add(name)) return propertyPath;
                    if (FirstDuplicate(property.Value, propertyPath) is { } inner) return inner;
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstDuplicate(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner) return inner;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The path of the first object (depth-first, in document order) with a property name that is not text (an
    /// unpaired surrogate escape), <c>$</c> for the event itself; null when every name is text.
    /// </summary>
    public static string? FirstUnreadableName(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name)) return path;
                    if (FirstUnreadableName(property.Value, path == "$" ? name : $"{path}.{name}") is { } inner) return inner;
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadableName(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner) return inner;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// True when the property's name, as written, holds an escaped UTF-16 surrogate without its partner
    /// (<c>"\ud800"</c>): valid JSON syntax, but not text, and the runtime throws when it has to read it.
    /// </summary>
    public static bool HasUnpairedSurrogateName(JsonProperty property) => HasUnpairedSurrogateEscape(JsonMarshal.GetRawUtf8PropertyName(property));

    /// <summary>Reads a property's name, false when it is not text (an unpaired surrogate escape).</summary>
    public static bool TryName(JsonProperty property, out string name)
    {
        if (HasUnpairedSurrogateName(property))
        {
            name = "";
            return false;
        }

        name = property.Name;
        return true;
    }

    /// <summary>True when JSON string content (without its quotes, escapes as written) holds an unpaired <c>\uD800</c>–<c>\uDFFF</c> escape.</summary>
    public static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') < 0) return false;
        var pendingHigh = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                if (pendingHigh) return true;
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == 'u' && i + 5 < raw.Length && TryHex(raw.Slice(i + 2, 4), out var unit))
            {
                i += 5;
                if (unit is >= 0xD800 and <= 0xDBFF)
                {
                    if (pendingHigh) return true;
                    pendingHigh = true;
                }
                else if (unit is >= 0xDC00 and <= 0xDFFF)
                {
                    if (!pendingHigh) return true;
                    pendingHigh = false;
                }
                else if (pendingHigh)
                {
                    return true;
                }

                continue;
            }

            if (pendingHigh) return true;
            i++;
        }

        return pendingHigh;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
