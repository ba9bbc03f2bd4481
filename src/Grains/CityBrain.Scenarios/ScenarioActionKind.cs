namespace CityBrain.Scenarios;

/// <summary>What a scenario does when it fires.</summary>
public enum ScenarioActionKind
{
    /// <summary>Open an incident of the category at the trigger's place (or add to the open one there, as correlation decides).</summary>
    Open,

    /// <summary>Add the trigger as evidence to an open incident of the category nearby, if there is one.</summary>
    Attach,

    /// <summary>Escalate an open incident of the category nearby, if there is one.</summary>
    Escalate,

    /// <summary>Emit a notification event of the given type for subscribers; no incident.</summary>
    Notify,
}
