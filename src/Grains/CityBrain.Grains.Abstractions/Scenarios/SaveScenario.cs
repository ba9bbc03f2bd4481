namespace CityBrain.Scenarios;

/// <summary>Save a scenario definition.</summary>
/// <param name="Id">The scenario to save; the definition's own <c>id</c> must be the same.</param>
/// <param name="Definition">The scenario definition, JSON.</param>
/// <param name="ChangedBy">Who saved it, as kept with the version.</param>
/// <param name="ExpectedVersion">Save only if this is the current version (0: only if the scenario does not exist yet); null: save whatever the current version.</param>
[GenerateSerializer, Immutable, Alias("cb.SaveScenario")]
public sealed record SaveScenario(
    [property: Id(0)] string Id,
    [property: Id(1)] string Definition,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] int? ExpectedVersion = null);
