namespace CityBrain.Scenarios;

/// <summary>One thing wrong with a scenario definition: the JSON path of the field at fault (<c>$.when.count.withinMinutes</c>) and why.</summary>
[GenerateSerializer, Immutable, Alias("cb.ScenarioError")]
public sealed record ScenarioError([property: Id(0)] string Path, [property: Id(1)] string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
