using CityBrain.Incidents;

namespace CityBrain.Api.Endpoints;

/// <summary>An incident with its case, its evidence (the first and the latest; <c>incident.evidenceCount</c> counts all) and its audit trail.</summary>
public sealed record IncidentDetailDto(IncidentSummary Incident, CaseDto Case, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<AuditEntry> Audit);
