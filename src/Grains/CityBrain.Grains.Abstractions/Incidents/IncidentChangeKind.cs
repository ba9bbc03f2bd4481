namespace CityBrain.Incidents;

/// <summary>What happened to an incident. The numeric values are part of the stream contract.</summary>
public enum IncidentChangeKind
{
    Opened = 0,
    EvidenceAttached = 1,
    /// <summary>The case ended: closed after verification, or rejected.</summary>
    Resolved = 2,
    Merged = 3,

    /// <summary>A step of the case that did not end it (accepted, dispatched, reopened, escalated, …).</summary>
    CaseChanged = 4,
}
