namespace CityBrain.Scenarios;

/// <summary>A scenario definition that cannot be used, with every error found in it.</summary>
public sealed class ScenarioDefinitionException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
