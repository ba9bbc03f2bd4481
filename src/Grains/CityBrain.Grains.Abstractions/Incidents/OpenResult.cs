namespace CityBrain.Incidents;

/// <summary>The incident after an open; <see cref="Created"/> is false when it already existed (a redelivered opening event).</summary>
[GenerateSerializer, Immutable, Alias("cb.OpenResult")]
public sealed record OpenResult(
    [property: Id(0)] IncidentSummary Incident,
    [property: Id(1)] bool Created);
