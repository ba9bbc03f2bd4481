namespace CityBrain.Incidents.Lifecycle;

/// <summary>主办 lead or 协办 assisting. The numeric values are persisted.</summary>
public enum TaskRole
{
    Lead = 0,
    Assisting = 1,
}

/// <summary>Where one department's task is. The numeric values are persisted.</summary>
public enum TaskState
{
    Dispatched = 0,
    InProgress = 1,
    Done = 2,
}

/// <summary>One department's share of a dispatched case.</summary>
/// <param name="UpdatedAt">When the task last changed state (UTC wall clock).</param>
[GenerateSerializer, Immutable, Alias("cb.CaseTask")]
public sealed record CaseTask(
    [property: Id(0)] string Department,
    [property: Id(1)] TaskRole Role,
    [property: Id(2)] TaskState State,
    [property: Id(3)] DateTimeOffset UpdatedAt);
