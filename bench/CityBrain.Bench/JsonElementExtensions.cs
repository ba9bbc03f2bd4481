using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>
/// Property lookup with the web defaults' case-insensitivity, so the bench does not depend on the server's exact
/// casing or on its contract types.
/// </summary>
public static class JsonElementExtensions
{
    public static JsonElement? Property(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? StringProperty(this JsonElement element, string name) =>
        element.Property(name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static IEnumerable<JsonElement> ArrayProperty(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
