using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>Open an incident from its first evidence. Idempotent: opening an already-open incident with the same first evidence changes nothing.</summary>
/// <param name="Category">The incident's category.</param>
/// <param name="First">The observation that opens it.</param>
/// <param name="OwnerCell">Key of the spatial cell that decided to open it and keeps it in its correlation index.</param>
/// <param name="Scenario">The scenario whose firing opens it; null for an observation that opens it directly.</param>
[GenerateSerializer, Immutable, Alias("cb.OpenIncident")]
public sealed record OpenIncident(
    [property: Id(0)] string Category,
    [property: Id(1)] Observation First,
    [property: Id(2)] string OwnerCell,
    [property: Id(3)] Scenarios.ScenarioOrigin? Scenario = null);

/// <summary>Open an incident with evidence an operator split off another one. Idempotent like <see cref="OpenIncident"/>.</summary>
/// <param name="ParentId">The incident the evidence came from.</param>
/// <param name="Evidence">The evidence, oldest first: the first is the new incident's origin.</param>
[GenerateSerializer, Immutable, Alias("cb.SplitIncident")]
public sealed record SplitIncident(
    [property: Id(0)] string ParentId,
    [property: Id(1)] string Category,
    [property: Id(2)] Observation[] Evidence,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Role,
    [property: Id(5)] string Reason);

/// <summary>How an attach went.</summary>
public enum AttachStatus
{
    Attached = 0,

    /// <summary>This event was already evidence of the incident (a redelivery).</summary>
    AlreadyAttached = 1,

    /// <summary>The incident was merged; attach to <see cref="AttachResult.RedirectTo"/> instead.</summary>
    Redirect = 2,

    /// <summary>The incident's case has ended or it was never opened; it takes no more evidence.</summary>
    Closed = 3,
}

[GenerateSerializer, Immutable, Alias("cb.AttachResult")]
public sealed record AttachResult(
    [property: Id(0)] AttachStatus Status,
    [property: Id(1)] string? RedirectTo = null,
    [property: Id(2)] DateTimeOffset? LastEvidenceAt = null);

/// <summary>The incident after an open; <see cref="Created"/> is false when it already existed (a redelivered opening event).</summary>
[GenerateSerializer, Immutable, Alias("cb.OpenResult")]
public sealed record OpenResult(
    [property: Id(0)] IncidentSummary Incident,
    [property: Id(1)] bool Created);
