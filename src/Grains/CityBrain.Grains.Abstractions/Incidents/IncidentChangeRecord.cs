using CityBrain.Events;
using CityBrain.Incidents.Kpis;

namespace CityBrain.Incidents;

/// <summary>
/// One change of an incident as it leaves the grain: the incident after it, its change counter, the audit entry
/// (if the case changed), the evidence it added, and with an audit entry the case's KPI facts. An
/// <see cref="IIncidentJournal"/> writes it with the change; an <see cref="IIncidentChangeListener"/> is told it
/// once the change is stored.
/// </summary>
/// <param name="Incident">The incident's list row after the change.</param>
/// <param name="Version">The incident's change counter after this change; it only grows.</param>
/// <param name="Audit">The audit entry of a case change; null when only evidence was added.</param>
/// <param name="NewEvidence">The evidence this change added, oldest first; empty when none.</param>
/// <param name="Facts">The case's KPI facts after the change; set with an audit entry, else null.</param>
/// <param name="Notices">When the case ended: the answers owed to the citizens whose reports it holds.</param>
public sealed record IncidentChangeRecord(
    IncidentSummary Incident, long Version, AuditEntry? Audit, IReadOnlyList<Observation> NewEvidence, CaseFacts? Facts = null, IReadOnlyList<ReportNotice>? Notices = null);
