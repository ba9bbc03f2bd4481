namespace CityBrain.Incidents.Lifecycle;

/// <summary>The outcome of asking the lifecycle for a transition.</summary>
/// <param name="Allowed">False when the action is not allowed in the current stage.</param>
/// <param name="Stage">The stage after the action (unchanged when refused).</param>
/// <param name="SuspendedFrom">The stage a suspended case resumes to; null when not suspended.</param>
/// <param name="AllowedActions">What may be done in the stage the case was in when asked.</param>
public sealed record CaseTransition(bool Allowed, CaseStage Stage, CaseStage? SuspendedFrom, IReadOnlyList<CaseAction> AllowedActions);
