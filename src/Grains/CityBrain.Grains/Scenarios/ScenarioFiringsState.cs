namespace CityBrain.Scenarios;

/// <summary>Persisted state of <see cref="ScenarioFiringsGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.ScenarioFiringsState")]
public sealed class ScenarioFiringsState
{
    [Id(0)] public long Live { get; set; }

    [Id(1)] public long Shadow { get; set; }

    /// <summary>Oldest first, at most <see cref="ScenarioFiringsGrain.Kept"/>.</summary>
    [Id(2)] public List<ScenarioFired> Latest { get; set; } = [];
}
