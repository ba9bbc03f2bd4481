namespace CityBrain.Incidents.Sla;

/// <summary>What an SLA clock times. The numeric values are persisted.</summary>
public enum SlaStage
{
    /// <summary>From detection until accepted or rejected.</summary>
    Accept = 0,

    /// <summary>From acceptance until dispatched.</summary>
    Dispatch = 1,

    /// <summary>From dispatch until every task is done and the case goes to verification.</summary>
    Handle = 2,

    /// <summary>From detection until the case is closed.</summary>
    Close = 3,
}
