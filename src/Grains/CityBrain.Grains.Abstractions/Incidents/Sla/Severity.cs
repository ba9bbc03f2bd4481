namespace CityBrain.Incidents.Sla;

/// <summary>How serious an incident is. Deadlines may differ by severity. The numeric values are persisted.</summary>
public enum Severity
{
    Low = 0,
    Normal = 1,
    High = 2,
    Critical = 3,
}
