using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Api.Endpoints;

/// <summary>One line of an incident's timeline: a case change, or a piece of evidence arriving.</summary>
/// <param name="At">The change's time, or the evidence's observation time (UTC).</param>
/// <param name="Kind">The audit kind (<c>opened</c>, <c>dispatched</c>, …) or <c>evidence</c>.</param>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    string? Actor,
    string? Role,
    CaseStage? StageBefore,
    CaseStage? StageAfter,
    string? Detail,
    EvidenceDto? Evidence);
