using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>An incident with its evidence, as the case file shows it.</summary>
/// <param name="Summary">The list-row fields.</param>
/// <param name="Evidence">Attached events in arrival order; at most <see cref="MaxEvidenceKept"/> are kept, <see cref="IncidentSummary.EvidenceCount"/> counts all.</param>
/// <param name="Resolution">Who resolved it and why, once resolved.</param>
/// <param name="Audit">Every status change, oldest first.</param>
[GenerateSerializer, Immutable, Alias("cb.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] IncidentSummary Summary,
    [property: Id(1)] Observation[] Evidence,
    [property: Id(2)] Resolution? Resolution,
    [property: Id(3)] AuditEntry[] Audit)
{
    /// <summary>
    /// Evidence items kept in the incident itself (the first and the latest); the count goes on past it, and
    /// with PostgreSQL every piece is also in the evidence ledger.
    /// </summary>
    public const int MaxEvidenceKept = 100;
}

/// <summary>Who closed an incident, when (UTC wall clock) and with what note.</summary>
[GenerateSerializer, Immutable, Alias("cb.Resolution")]
public sealed record Resolution(
    [property: Id(0)] string Actor,
    [property: Id(1)] string? Note,
    [property: Id(2)] DateTimeOffset At);
