namespace CityBrain.Scenarios;

/// <summary>What a scenario's firing did.</summary>
public enum ScenarioEffect
{
    /// <summary>Shadow mode: nothing; <see cref="ScenarioFired.Would"/> says what live mode would have done.</summary>
    None = 0,

    /// <summary>It opened a new incident.</summary>
    Opened = 1,

    /// <summary>It became evidence of an open incident (correlation found one, or the action was attach).</summary>
    Attached = 2,

    /// <summary>It escalated an open incident.</summary>
    Escalated = 3,

    /// <summary>It emitted a notification event.</summary>
    Notified = 4,

    /// <summary>Attach or escalate found no open incident of the category nearby.</summary>
    NoIncident = 5,

    /// <summary>Its trigger had fired it before (a redelivery): nothing more was done.</summary>
    Repeated = 6,
}
