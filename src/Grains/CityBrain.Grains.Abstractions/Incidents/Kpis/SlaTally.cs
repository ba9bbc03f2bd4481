namespace CityBrain.Incidents.Kpis;

/// <summary>How one SLA stage of a case has gone so far.</summary>
/// <param name="Met">Clocks of the stage that stopped by their deadline.</param>
/// <param name="Missed">Clocks of the stage that stopped after their deadline.</param>
/// <param name="RunningDeadline">
/// The deadline of the stage's running clock; a KPI taken after it counts that clock late. Null when no clock
/// runs, or while the case is suspended before the clock went red (the deadline moves when it resumes).
/// </param>
[GenerateSerializer, Immutable, Alias("cb.SlaTally")]
public sealed record SlaTally(
    [property: Id(0)] int Met,
    [property: Id(1)] int Missed,
    [property: Id(2)] DateTimeOffset? RunningDeadline);
