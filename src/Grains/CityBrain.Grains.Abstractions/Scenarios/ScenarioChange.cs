namespace CityBrain.Scenarios;

/// <summary>How a change to the registry went.</summary>
public enum ScenarioChangeStatus
{
    /// <summary>Saved as a new scenario, version 1.</summary>
    Created = 0,

    /// <summary>Saved as the next version of an existing scenario.</summary>
    Updated = 1,

    /// <summary>The definition has errors; nothing changed.</summary>
    Invalid = 2,

    /// <summary>No scenario has this id.</summary>
    NotFound = 3,

    /// <summary>The expected version is not the current one (someone changed it since), or a create found the id taken.</summary>
    Conflict = 4,
}

/// <param name="Scenario">The scenario's current version after the change (or, for a conflict, as it stands).</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioChange")]
public sealed record ScenarioChange(
    [property: Id(0)] ScenarioChangeStatus Status,
    [property: Id(1)] StoredScenario? Scenario,
    [property: Id(2)] ScenarioError[] Errors);

/// <summary>Save a scenario definition.</summary>
/// <param name="Id">The scenario to save; the definition's own <c>id</c> must be the same.</param>
/// <param name="ExpectedVersion">Save only if this is the current version (0: only if the scenario does not exist yet); null: save whatever the current version.</param>
[GenerateSerializer, Immutable, Alias("cb.SaveScenario")]
public sealed record SaveScenario(
    [property: Id(0)] string Id,
    [property: Id(1)] string Definition,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] int? ExpectedVersion = null);
