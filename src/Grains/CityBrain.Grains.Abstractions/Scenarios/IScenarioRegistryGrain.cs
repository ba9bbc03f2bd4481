namespace CityBrain.Scenarios;

/// <summary>
/// The city's scenarios, every version of each. Key: <see cref="CityKey"/> (one registry per cluster). Changes
/// are rare and small (a designer saving a definition), so one grain serialises them, numbers them
/// (<see cref="GetRevision"/>) and every silo polls that number to follow. Persisted: the current version of each
/// scenario and its last <c>VersionsKept</c> versions. Built-in scenarios are added on first activation.
/// </summary>
[Alias("cb.IScenarioRegistryGrain")]
public interface IScenarioRegistryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one registry of the cluster.</summary>
    public const string CityKey = "city";

    /// <summary>Counts every change of every scenario; silos compare it with the catalog they hold.</summary>
    [Alias("GetRevision")]
    Task<long> GetRevision();

    /// <summary>The current version of every scenario, by id, and the revision they make up.</summary>
    [Alias("GetAll")]
    Task<ScenarioSet> GetAll();

    /// <summary>The current version of the scenario <paramref name="id"/>, or null when there is none.</summary>
    [Alias("Get")]
    Task<StoredScenario?> Get(string id);

    /// <summary>Every kept version of a scenario, newest first; empty when there is none.</summary>
    [Alias("GetVersions")]
    Task<StoredScenario[]> GetVersions(string id);

    /// <summary>Check and save a definition: as a new scenario, or as the next version of the one with its id.</summary>
    [Alias("Save")]
    Task<ScenarioChange> Save(SaveScenario command);

    /// <summary>Enable or disable a scenario: its next version, with <c>enabled</c> set in the definition.</summary>
    [Alias("SetEnabled")]
    Task<ScenarioChange> SetEnabled(string id, bool enabled, string changedBy, int? expectedVersion = null);
}
