namespace CityBrain.Incidents.Lifecycle;

/// <summary>主办 lead or 协办 assisting. The numeric values are persisted.</summary>
public enum TaskRole
{
    Lead = 0,
    Assisting = 1,
}
