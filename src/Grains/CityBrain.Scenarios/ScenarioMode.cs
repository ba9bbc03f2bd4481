namespace CityBrain.Scenarios;

/// <summary>Whether a scenario acts, or only records what it would have done.</summary>
public enum ScenarioMode
{
    /// <summary>Its firings act: they open, attach to or escalate incidents, or emit notifications.</summary>
    Live = 0,

    /// <summary>Its firings are recorded, with the action they would have taken, and nothing else happens.</summary>
    Shadow = 1,
}
