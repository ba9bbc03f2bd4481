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
}
