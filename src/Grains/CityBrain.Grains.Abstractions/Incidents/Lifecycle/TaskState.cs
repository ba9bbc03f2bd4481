namespace CityBrain.Incidents.Lifecycle;

/// <summary>Where one department's task is. The numeric values are persisted.</summary>
public enum TaskState
{
    Dispatched = 0,
    InProgress = 1,
    Done = 2,
}
