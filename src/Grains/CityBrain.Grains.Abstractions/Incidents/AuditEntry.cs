using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Incidents;

/// <summary>
/// One audited change of an incident: opened, every step of its case, merged, absorbed a duplicate. Evidence is
/// not audited here: every piece is recorded on its own. <see cref="Sequence"/> numbers the incident's changes
/// from 1 and never repeats, so a retried write of the same entry is recognised.
/// </summary>
/// <param name="Sequence">The change's number within the incident, from 1.</param>
/// <param name="At">Wall-clock time of the change, UTC.</param>
/// <param name="Actor">Who did it: an operator, or <c>system</c> for automatic changes.</param>
/// <param name="Kind">What kind of change: e.g. <c>opened</c>, <c>merged</c>, <c>absorbed</c>, or the case step taken.</param>
/// <param name="StatusBefore">The incident's status before the change; null when opened.</param>
/// <param name="StatusAfter">The incident's status after it.</param>
/// <param name="Detail">Free text: the reason or note given, the incident merged into or absorbed.</param>
/// <param name="Role">The actor's capacity (operator, department, …); <c>system</c> for automatic changes.</param>
/// <param name="StageBefore">The case stage before the change; null when opened.</param>
/// <param name="StageAfter">The case stage after it.</param>
[GenerateSerializer, Immutable, Alias("cb.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Actor,
    [property: Id(4)] IncidentStatus? StatusBefore,
    [property: Id(5)] IncidentStatus StatusAfter,
    [property: Id(6)] string? Detail,
    [property: Id(7)] string Role = AuditEntry.System,
    [property: Id(8)] CaseStage? StageBefore = null,
    [property: Id(9)] CaseStage StageAfter = CaseStage.Detected)
{
    /// <summary>The actor and role of changes the platform makes by itself.</summary>
    public const string System = "system";
}
