using System.Text.Json;
using System.Text.Json.Serialization;
using CityBrain.Events;

namespace CityBrain.Api.Json;

/// <summary>A region path is shown as what it is to a client: the array of codes, root first.</summary>
public sealed class RegionPathJsonConverter : JsonConverter<RegionPath>
{
    public override RegionPath Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<string[]>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, RegionPath value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var code in value.Codes) writer.WriteStringValue(code);
        writer.WriteEndArray();
    }
}
