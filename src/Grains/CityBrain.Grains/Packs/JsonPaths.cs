using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Features;

namespace CityBrain.Packs;

/// <summary>Reads values by dotted property path from GeoJSON attributes or plain JSON, as text or number.</summary>
internal static class JsonPaths
{
    public static object? Resolve(IAttributesTable? attributes, string path)
    {
        object? current = attributes;
        foreach (var part in path.Split('.'))
        {
            current = current switch
            {
                IAttributesTable table => table.Exists(part) ? table[part] : null,
                JsonElement { ValueKind: JsonValueKind.Object } element => element.TryGetProperty(part, out var child) ? child : null,
                _ => null,
            };
            if (current is null) return null;
        }

        return current;
    }

    public static JsonElement? Resolve(JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current)) return null;
        }

        return current;
    }

    /// <summary>A value as invariant text: strings as they are, numbers without exponent or trailing zeros.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement e => e.GetRawText(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A value as a number; numeric strings (as some feeds send coordinates) are accepted.</summary>
    public static double? AsNumber(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.String } e => ParseNumber(e.GetString()),
        string s => ParseNumber(s),
        IConvertible c when value is not bool => c.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
