namespace CityBrain.Scenarios;

/// <summary>One version of a scenario as the registry keeps it.</summary>
/// <param name="Id">The scenario's id, as in its definition.</param>
/// <param name="Version">1 for the first definition, one more with each change (enabling and disabling included).</param>
/// <param name="Definition">The definition as JSON text (the shape of <c>packs/scenarios/scenario.schema.json</c>), checked when it was saved.</param>
/// <param name="ChangedAt">When this version was saved, UTC.</param>
/// <param name="ChangedBy">Who saved it; <c>system</c> for a built-in scenario's first version.</param>
/// <param name="BuiltIn">Shipped with CityBrain (it may have been changed since).</param>
[GenerateSerializer, Immutable, Alias("cb.StoredScenario")]
public sealed record StoredScenario(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version,
    [property: Id(2)] string Definition,
    [property: Id(3)] DateTimeOffset ChangedAt,
    [property: Id(4)] string ChangedBy,
    [property: Id(5)] bool BuiltIn);
