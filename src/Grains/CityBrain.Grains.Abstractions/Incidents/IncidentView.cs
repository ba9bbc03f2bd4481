using CityBrain.Events;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Routing;
using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents;

/// <summary>An incident with its evidence and its case, as the case file shows it.</summary>
/// <param name="Summary">The list-row fields.</param>
/// <param name="Evidence">Attached events in arrival order; at most <see cref="MaxEvidenceKept"/> are kept, <see cref="IncidentSummary.EvidenceCount"/> counts all.</param>
/// <param name="Resolution">Who ended the case (verified it closed, or rejected it) and why.</param>
/// <param name="Audit">Every change of the case, oldest first.</param>
/// <param name="CaseVersion">Grows with every change of the case (not with new evidence): the optimistic-concurrency token.</param>
/// <param name="Routing">Where the routing table sent it when it was opened.</param>
/// <param name="Tasks">One per dispatched department, the lead first; empty until dispatched.</param>
/// <param name="Evaluation">The satisfaction score, once evaluated.</param>
/// <param name="SuspendedFrom">When suspended, the stage it resumes to.</param>
/// <param name="Clocks">The SLA clocks, running and recently stopped.</param>
[GenerateSerializer, Immutable, Alias("cb.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] IncidentSummary Summary,
    [property: Id(1)] Observation[] Evidence,
    [property: Id(2)] Resolution? Resolution,
    [property: Id(3)] AuditEntry[] Audit,
    [property: Id(4)] long CaseVersion,
    [property: Id(5)] RoutingDecision? Routing,
    [property: Id(6)] CaseTask[] Tasks,
    [property: Id(7)] Evaluation? Evaluation,
    [property: Id(8)] CaseStage? SuspendedFrom,
    [property: Id(9)] SlaClock[] Clocks)
{
    /// <summary>
    /// Evidence items kept in the incident itself (the first and the latest); the count goes on past it, and
    /// with PostgreSQL every piece is also in the evidence ledger.
    /// </summary>
    public const int MaxEvidenceKept = 100;
}
