using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityBrain.Ingest.Events;

/// <summary>Checks on a sender's text and the safe way to quote it back in a refusal. Pure and thread-safe.</summary>
internal static class EventText
{
    /// <summary>
    /// The index (0-based, UTF-16) of the first character a one-line name must not hold: a control character
    /// (Unicode category Cc) or a line or paragraph separator (U+2028, U+2029), which would let a sender forge log
    /// lines. With <paramref name="allowNewlineAndTab"/>, <c>\n</c>, <c>\r</c> and <c>\t</c> are allowed (free text: hotline systems send CRLF line ends). -1 when there is none.
    /// </summary>
    public static int ForbiddenCharacterAt(string text, bool allowNewlineAndTab)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (allowNewlineAndTab && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c) || c is '\u2028' or '\u2029') return i;
        }

        return -1;
    }

    /// <summary>
    /// <paramref name="text"/> in double quotes, safe for a log line (<see cref="Escape(string, int)"/>), cut to
    /// <see cref="EventLimits.EchoMaxLength"/> characters with the full length said.
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = $"\"{Escape(text, EventLimits.EchoMaxLength, out var cut)}\"";
        return cut ? string.Create(CultureInfo.InvariantCulture, $"{quoted}… ({text.Length} characters)") : quoted;
    }

    /// <summary>
    /// <paramref name="text"/> safe for a log line: control characters, separators, surrogates, quotes and
    /// backslashes escaped as in JSON, cut to <paramref name="maxLength"/> characters (then ending in …).
    /// </summary>
    public static string Escape(string text, int maxLength) => Escape(text, maxLength, out var cut) + (cut ? "…" : "");

    private static string Escape(string text, int maxLength, out bool cut)
    {
        cut = text.Length > maxLength;
        var shown = cut ? text.AsSpan(0, maxLength) : text.AsSpan();
        var escaped = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            if (c is '"' or '\\') escaped.Append('\\').Append(c);
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsSurrogate(c)) escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A JSON value's kind as a sender would name it: object, array, string, number, boolean or null.</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Describes a character for a refusal, e.g. <c>U+000A</c>.</summary>
    public static string CodePoint(char c) => $"U+{(int)c:X4}";
}
