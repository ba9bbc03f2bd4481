namespace CityBrain.Scenarios;

/// <summary>One thing wrong with a scenario definition: the JSON path of the field at fault (<c>$.when.count.withinMinutes</c>) and why.</summary>
public sealed record ScenarioError(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>A scenario definition that cannot be used, with every error found in it.</summary>
public sealed class ScenarioDefinitionException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
