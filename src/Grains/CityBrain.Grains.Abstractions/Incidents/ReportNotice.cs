using CityBrain.Events;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Incidents;

/// <summary>
/// The answer owed to a citizen whose report is evidence of a case that has ended: for the channel the report
/// came through (a 12345 hotline, an app) to pass on. One per report the incident holds.
/// </summary>
/// <param name="Report">The report's idempotency key: its channel (CloudEvents source) and the channel's own id for it.</param>
/// <param name="PointId">The reporting point (the hotline, the app) it came through.</param>
/// <param name="IncidentId">The incident whose case ended.</param>
/// <param name="Outcome">How the case ended: closed, or rejected.</param>
/// <param name="Note">The verification note or the reason for rejecting.</param>
/// <param name="At">When the case ended (UTC).</param>
[GenerateSerializer, Immutable, Alias("cb.ReportNotice")]
public sealed record ReportNotice(
    [property: Id(0)] EventKey Report,
    [property: Id(1)] string PointId,
    [property: Id(2)] string IncidentId,
    [property: Id(3)] CaseStage Outcome,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset At);
