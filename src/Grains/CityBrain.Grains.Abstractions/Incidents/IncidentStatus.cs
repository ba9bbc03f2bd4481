namespace CityBrain.Incidents;

/// <summary>Where an incident is in its life. The numeric values are persisted.</summary>
public enum IncidentStatus
{
    Open = 0,
    Resolved = 1,

    /// <summary>Found to be the same real-world event as another incident, which now holds its evidence.</summary>
    Merged = 2,
}
