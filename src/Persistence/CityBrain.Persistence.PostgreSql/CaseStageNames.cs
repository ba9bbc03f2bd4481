using System.Collections.Frozen;
using System.Text.Json;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Persistence;

/// <summary>Case stages as stored in SQL: snake case (<c>in_progress</c>), readable in a query and stable.</summary>
internal static class CaseStageNames
{
    private static readonly FrozenDictionary<CaseStage, string> Names =
        Enum.GetValues<CaseStage>().ToFrozenDictionary(s => s, s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()));

    private static readonly FrozenDictionary<string, CaseStage> Stages = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Of(CaseStage stage) => Names[stage];

    public static CaseStage Parse(string name) =>
        Stages.TryGetValue(name, out var stage) ? stage : throw new FormatException($"'{name}' is not a stored case stage");
}
