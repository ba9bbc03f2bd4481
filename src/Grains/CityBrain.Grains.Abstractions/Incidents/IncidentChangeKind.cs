namespace CityBrain.Incidents;

/// <summary>What happened to an incident. The numeric values are part of the stream contract.</summary>
public enum IncidentChangeKind
{
    /// <summary>The incident was opened by its first evidence (or by a split).</summary>
    Opened = 0,

    /// <summary>New evidence was attached; the case did not change.</summary>
    EvidenceAttached = 1,

    /// <summary>The case ended: closed after verification, or rejected.</summary>
    Resolved = 2,

    /// <summary>It was merged into another incident, which took its evidence.</summary>
    Merged = 3,

    /// <summary>A step of the case that did not end it (accepted, dispatched, reopened, escalated, …).</summary>
    CaseChanged = 4,
}
