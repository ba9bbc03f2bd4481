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
