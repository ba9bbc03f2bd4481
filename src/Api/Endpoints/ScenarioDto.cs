using System.Text.Json;
using CityBrain.Scenarios;

namespace CityBrain.Api.Endpoints;

/// <summary>A scenario version as the API shows it: the registry's record and the definition as JSON.</summary>
public sealed record ScenarioDto(string Id, int Version, string? Name, bool Enabled, string Mode, bool BuiltIn, DateTimeOffset ChangedAt, string ChangedBy, JsonElement Definition)
{
    public static ScenarioDto From(StoredScenario stored)
    {
        using var document = JsonDocument.Parse(stored.Definition, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var enabled = !root.TryGetProperty("enabled", out var e) || e.ValueKind != JsonValueKind.False;
        var mode = root.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()!.ToLowerInvariant() : "live";
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new ScenarioDto(stored.Id, stored.Version, name, enabled, mode, stored.BuiltIn, stored.ChangedAt, stored.ChangedBy, root.Clone());
    }
}
