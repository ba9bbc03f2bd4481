using CityBrain.Events;
using CityBrain.Incidents.Kpis;

namespace CityBrain.Incidents;

/// <summary>
/// One change of an incident as it is written outside the grain: the incident after it, its change counter,
/// the audit entry (if the case changed), the evidence it added, and with an audit entry the case's KPI facts.
/// </summary>
/// <param name="Version">The incident's change counter after this change; it only grows.</param>
/// <param name="Notices">When the case ended: the answers owed to the citizens whose reports it holds.</param>
public sealed record IncidentChangeRecord(
    IncidentSummary Incident, long Version, AuditEntry? Audit, IReadOnlyList<Observation> NewEvidence, CaseFacts? Facts = null, IReadOnlyList<ReportNotice>? Notices = null);

/// <summary>
/// Durable records of incident changes kept outside grain state: a read model for queries, the audit log and
/// the evidence ledger. The incident writes each change here before its own state, and every write is an
/// idempotent upsert, so a change retried after a crash is recorded once.
/// </summary>
public interface IIncidentJournal
{
    Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default);
}
