namespace CityBrain.Incidents.Lifecycle;

/// <summary>One department's share of a dispatched case.</summary>
/// <param name="Department">The department's code, as the city pack's routing names it.</param>
/// <param name="Role">Lead (主办) or assisting (协办).</param>
/// <param name="State">How far the department has got.</param>
/// <param name="UpdatedAt">When the task last changed state (UTC wall clock).</param>
[GenerateSerializer, Immutable, Alias("cb.CaseTask")]
public sealed record CaseTask(
    [property: Id(0)] string Department,
    [property: Id(1)] TaskRole Role,
    [property: Id(2)] TaskState State,
    [property: Id(3)] DateTimeOffset UpdatedAt);
