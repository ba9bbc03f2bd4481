using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>
/// What an incident's journal holds of it: its read-model row, its audit entries (oldest first) and the evidence
/// the ledger attributes to it (in the order it was recorded, the first one first).
/// </summary>
public sealed record JournalledIncident(IncidentSummary Summary, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<Observation> Evidence);
