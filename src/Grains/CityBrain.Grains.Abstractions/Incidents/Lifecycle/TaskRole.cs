namespace CityBrain.Incidents.Lifecycle;

/// <summary>主办 lead or 协办 assisting. The numeric values are persisted.</summary>
public enum TaskRole
{
    /// <summary>主办: the department answerable for the case.</summary>
    Lead = 0,

    /// <summary>协办: a department that helps the lead.</summary>
    Assisting = 1,
}
