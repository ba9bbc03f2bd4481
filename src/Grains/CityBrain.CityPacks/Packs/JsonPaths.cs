using System.Collections;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Features;

namespace CityBrain.Packs;

/// <summary>
/// Reads values by property path from GeoJSON attributes or plain JSON, as text or number. A path is names
/// separated by dots, each optionally followed by zero-based array indexes: <c>parent.adcode</c>,
/// <c>location.coordinates[1]</c>, <c>[0].id</c>. An empty path is the value itself.
/// </summary>
internal static class JsonPaths
{
    /// <summary>One step of a path: a property name, or (when <see cref="Name"/> is null) an array index.</summary>
    private readonly record struct Step(string? Name, int Index);

    /// <summary>Null when <paramref name="path"/> is well formed; otherwise why not.</summary>
    public static string? Check(string path) => TryParse(path, out _, out var error) ? null : error;

    public static object? Resolve(IAttributesTable? attributes, string path)
    {
        object? current = attributes;
        foreach (var step in Parse(path))
        {
            current = (current, step.Name) switch
            {
                (IAttributesTable table, { } name) => table.Exists(name) ? table[name] : null,
                (JsonElement { ValueKind: JsonValueKind.Object } element, { } name) => element.TryGetProperty(name, out var child) ? child : null,
                (JsonElement { ValueKind: JsonValueKind.Array } element, null) => step.Index < element.GetArrayLength() ? element[step.Index] : null,
                (IList list, null) => step.Index < list.Count ? list[step.Index] : null,
                _ => null,
            };
            if (current is null) return null;
        }

        return current;
    }

    /// <summary>The value at <paramref name="path"/>; null when a step is missing (a JSON <c>null</c> is returned as such).</summary>
    public static JsonElement? Resolve(JsonElement element, string path)
    {
        var current = element;
        foreach (var step in Parse(path))
        {
            if (step.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Array || step.Index >= current.GetArrayLength()) return null;
                current = current[step.Index];
            }
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

    /// <summary>A finite number in a JSON number or numeric string; null for anything else (NaN and infinities included).</summary>
    public static double? AsFiniteNumber(JsonElement value) =>
        AsNumber(value) is { } d && double.IsFinite(d) ? d : null;

    private static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static Step[] Parse(string path) =>
        TryParse(path, out var steps, out var error) ? steps : throw new CityPackException($"property path '{path}': {error}");

    private static bool TryParse(string path, out Step[] steps, out string? error)
    {
        var list = new List<Step>();
        steps = [];
        // Empty parts are skipped, as a leading or doubled dot always was.
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Contains(']'))
            {
                error = $"']' without '[' in '{part}'";
                return false;
            }

            if (name.Length > 0) list.Add(new Step(name, -1));
            var rest = bracket < 0 ? "" : part[bracket..];
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']');
                if (rest[0] != '[' || close < 0 || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = $"'{part}' is not a name followed by array indexes such as [0]";
                    return false;
                }

                list.Add(new Step(null, index));
                rest = rest[(close + 1)..];
            }
        }

        steps = [.. list];
        error = null;
        return true;
    }
}
