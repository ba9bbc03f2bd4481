namespace CityBrain.Incidents;

/// <summary>Where an incident is in its life. The numeric values are persisted.</summary>
public enum IncidentStatus
{
    /// <summary>The case is running: it takes evidence and case actions.</summary>
    Open = 0,

    /// <summary>The case ended: closed after verification, or rejected.</summary>
    Resolved = 1,

    /// <summary>Found to be the same real-world event as another incident, which now holds its evidence.</summary>
    Merged = 2,
}
