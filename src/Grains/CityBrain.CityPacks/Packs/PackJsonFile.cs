using System.Text.Json;

namespace CityBrain.Packs;

/// <summary>Reads a JSON file of a city pack (routing, SLA) for a parser whose errors name the file and the JSON path.</summary>
internal static class PackJsonFile
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="parse">Given the root element and the file's name for messages.</param>
    public static T Load<T>(string path, Func<JsonElement, string, T> parse)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new CityPackException($"{file}: not found");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), Options);
        }
        catch (JsonException e)
        {
            throw new CityPackException($"{file}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return parse(document.RootElement, file);
        }
    }

    public static CityPackException Error(string file, string at, string reason) => new($"{file}: {at}: {reason}");
}
