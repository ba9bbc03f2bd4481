namespace CityBrain.Incidents.Lifecycle;

/// <summary>How an action on a case went, and what may be done next.</summary>
/// <param name="Status">Whether it was done, and if not, why.</param>
/// <param name="Incident">The incident after the action (before it, when refused); null when not found.</param>
/// <param name="CaseVersion">The case version now: what to send as the expected version next time.</param>
/// <param name="AllowedActions">What may be done now.</param>
/// <param name="Field">When invalid: the command field at fault.</param>
/// <param name="Problem">When refused: why, in words.</param>
/// <param name="SplitOff">After a split: the new incident that took the evidence.</param>
[GenerateSerializer, Immutable, Alias("cb.CaseActResult")]
public sealed record CaseActResult(
    [property: Id(0)] CaseActStatus Status,
    [property: Id(1)] IncidentSummary? Incident,
    [property: Id(2)] long CaseVersion,
    [property: Id(3)] CaseAction[] AllowedActions,
    [property: Id(4)] string? Field = null,
    [property: Id(5)] string? Problem = null,
    [property: Id(6)] IncidentSummary? SplitOff = null);
