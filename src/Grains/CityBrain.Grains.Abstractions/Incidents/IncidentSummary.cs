using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents;

/// <summary>The list-row view of an incident, as kept by district grains and sent on the incident stream.</summary>
/// <param name="Id">Incident id (the incident grain's key).</param>
/// <param name="Category">What it is, e.g. <c>smoke_fire</c>.</param>
/// <param name="Status">Open, resolved or merged.</param>
/// <param name="Location">Location of the first evidence, WGS84.</param>
/// <param name="Regions">Region codes at every level, root first.</param>
/// <param name="OpenedAt">Observation time of the first evidence (UTC).</param>
/// <param name="LastEvidenceAt">Latest observation time among its evidence (UTC).</param>
/// <param name="EvidenceCount">Distinct events attached, including the first.</param>
/// <param name="ClosedAt">When it was resolved or merged (wall clock, UTC).</param>
/// <param name="MergedInto">The surviving incident's id when <see cref="Status"/> is merged.</param>
/// <param name="Stage">Where the case is in the closed loop; <see cref="Status"/> is resolved once it has ended.</param>
/// <param name="Department">The lead (主办) department it is routed or dispatched to.</param>
/// <param name="Severity">Rises as independent evidence grows (more points, more kinds of observation).</param>
/// <param name="NextDueAt">When the next SLA threshold (warning or deadline) of a running clock is due; null when none is.</param>
/// <param name="Overdue">Whether a running SLA clock is past its deadline.</param>
/// <param name="Escalation">0 not escalated, 1 escalated to the district level, 2 to the city level.</param>
/// <param name="Version">The incident's change counter when this row was taken: of two rows, the higher is newer.</param>
/// <param name="ScenarioId">The scenario whose firing opened it; null when an observation opened it directly.</param>
/// <param name="ScenarioVersion">The version of that scenario.</param>
[GenerateSerializer, Immutable, Alias("cb.IncidentSummary")]
public sealed record IncidentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Category,
    [property: Id(2)] IncidentStatus Status,
    [property: Id(3)] GeoPoint Location,
    [property: Id(4)] RegionPath Regions,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset LastEvidenceAt,
    [property: Id(7)] int EvidenceCount,
    [property: Id(8)] DateTimeOffset? ClosedAt = null,
    [property: Id(9)] string? MergedInto = null,
    [property: Id(10)] CaseStage Stage = CaseStage.Detected,
    [property: Id(11)] string? Department = null,
    [property: Id(12)] Severity Severity = Severity.Normal,
    [property: Id(13)] DateTimeOffset? NextDueAt = null,
    [property: Id(14)] bool Overdue = false,
    [property: Id(15)] int Escalation = 0,
    [property: Id(16)] long Version = 0,
    [property: Id(17)] string? ScenarioId = null,
    [property: Id(18)] int? ScenarioVersion = null)
{
    /// <summary>The <see cref="Escalation"/> of a case raised to the district level.</summary>
    public const int EscalatedToDistrict = 1;
    /// <summary>The <see cref="Escalation"/> of a case raised to the city level.</summary>
    public const int EscalatedToCity = 2;
}
