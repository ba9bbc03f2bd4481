using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>
/// Published on the incident stream after every change has been persisted.
/// </summary>
/// <param name="Kind">What changed.</param>
/// <param name="Incident">The incident after the change.</param>
/// <param name="Cause">The event that caused the change (opened, evidence attached), if one did.</param>
/// <param name="Notices">When the case ended: the answers owed to the citizens whose reports it holds.</param>
[GenerateSerializer, Immutable, Alias("cb.IncidentChanged")]
public sealed record IncidentChanged(
    [property: Id(0)] IncidentChangeKind Kind,
    [property: Id(1)] IncidentSummary Incident,
    [property: Id(2)] EventKey? Cause,
    [property: Id(3)] ReportNotice[]? Notices = null);
