namespace CityBrain.Scenarios;

/// <summary>A scenario's record of firings: the latest <c>Kept</c>, and how many in all, live and shadow.</summary>
[GenerateSerializer, Immutable, Alias("cb.ScenarioFirings")]
public sealed record ScenarioFirings(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] long Live,
    [property: Id(2)] long Shadow,
    [property: Id(3)] ScenarioFired[] Latest);
