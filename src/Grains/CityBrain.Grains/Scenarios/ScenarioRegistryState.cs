namespace CityBrain.Scenarios;

/// <summary>Persisted state of <see cref="ScenarioRegistryGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.ScenarioRegistryState")]
public sealed class ScenarioRegistryState
{
    /// <summary>Counts every change; 0 before the first.</summary>
    [Id(0)] public long Revision { get; set; }

    /// <summary>Per scenario id, its kept versions, newest first: the first is the current one.</summary>
    [Id(1)] public Dictionary<string, List<StoredScenario>> Versions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Built-in scenario ids already added once: one a designer changed is never put back.</summary>
    [Id(2)] public HashSet<string> BuiltInsAdded { get; set; } = new(StringComparer.Ordinal);
}
