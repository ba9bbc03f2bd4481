namespace CityBrain.Scenarios;

/// <summary>One thing wrong with a scenario definition: the JSON path of the field at fault (<c>$.when.count.withinMinutes</c>) and why.</summary>
/// <param name="Path">The JSON path of the field at fault, from <c>$</c>.</param>
/// <param name="Reason">Why it is wrong, in words.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioError")]
public sealed record ScenarioError([property: Id(0)] string Path, [property: Id(1)] string Reason)
{
    /// <summary><c>{path}: {reason}</c>.</summary>
    public override string ToString() => $"{Path}: {Reason}";
}
