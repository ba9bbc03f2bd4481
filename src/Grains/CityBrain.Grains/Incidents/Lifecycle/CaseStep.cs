namespace CityBrain.Incidents.Lifecycle;

/// <summary>A step that was taken: what to audit and how to announce it.</summary>
/// <param name="AuditKind">Past tense, snake case (<c>accepted</c>, <c>work_started</c>): the audit kind and the egress event type.</param>
/// <param name="Detail">The reason or note, or what the step named (departments, score).</param>
/// <param name="StageBefore">The stage before the step.</param>
/// <param name="StatusBefore">The incident status before the step.</param>
public sealed record CaseStep(string AuditKind, string? Detail, CaseStage StageBefore, IncidentStatus StatusBefore);
