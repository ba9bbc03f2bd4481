namespace CityBrain.Incidents;

/// <summary>
/// One audited change of an incident's status (opened, resolved, merged, absorbed a duplicate). Evidence is
/// not audited here: every piece is recorded on its own. <see cref="Sequence"/> numbers the incident's changes
/// from 1 and never repeats, so a retried write of the same entry is recognised.
/// </summary>
/// <param name="At">Wall-clock time of the change, UTC.</param>
/// <param name="Actor">Who did it: an operator, or <c>system</c> for automatic changes.</param>
/// <param name="Detail">Free text: a resolution note, the incident merged into or absorbed.</param>
[GenerateSerializer, Immutable, Alias("cb.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Actor,
    [property: Id(4)] IncidentStatus? StatusBefore,
    [property: Id(5)] IncidentStatus StatusAfter,
    [property: Id(6)] string? Detail)
{
    public const string System = "system";
}
