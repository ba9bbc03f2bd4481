using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>Persisted state of <see cref="IncidentGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.IncidentState")]
public sealed class IncidentState
{
    /// <summary>Null until the incident is opened.</summary>
    [Id(0)] public IncidentSummary? Summary { get; set; }

    /// <summary>Evidence in arrival order, at most <see cref="IncidentView.MaxEvidenceKept"/> (the first is always kept).</summary>
    [Id(1)] public List<Observation> Evidence { get; set; } = [];

    [Id(2)] public Resolution? Resolution { get; set; }

    /// <summary>The spatial cell that opened it and keeps it as a correlation candidate.</summary>
    [Id(3)] public string? OwnerCell { get; set; }

    /// <summary>Change counter: 1 when opened, one more for every change since.</summary>
    [Id(4)] public long Version { get; set; }

    /// <summary>Every status change, oldest first (few per incident: evidence is not audited here).</summary>
    [Id(5)] public List<AuditEntry> Audit { get; set; } = [];
}
