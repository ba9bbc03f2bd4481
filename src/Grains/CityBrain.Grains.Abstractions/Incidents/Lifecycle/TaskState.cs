namespace CityBrain.Incidents.Lifecycle;

/// <summary>Where one department's task is. The numeric values are persisted.</summary>
public enum TaskState
{
    /// <summary>Sent to the department; not started.</summary>
    Dispatched = 0,

    /// <summary>The department has started on it.</summary>
    InProgress = 1,

    /// <summary>The department has completed its share.</summary>
    Done = 2,
}
