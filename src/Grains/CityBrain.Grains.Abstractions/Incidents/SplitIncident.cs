using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>Open an incident with evidence an operator split off another one. Idempotent like <see cref="OpenIncident"/>.</summary>
/// <param name="ParentId">The incident the evidence came from.</param>
/// <param name="Category">The new incident's category (normalised).</param>
/// <param name="Evidence">The evidence, oldest first: the first is the new incident's origin.</param>
/// <param name="Actor">The operator who split it.</param>
/// <param name="Role">The operator's capacity, as audited.</param>
/// <param name="Reason">Why, in words; audited on both incidents.</param>
[GenerateSerializer, Immutable, Alias("cb.SplitIncident")]
public sealed record SplitIncident(
    [property: Id(0)] string ParentId,
    [property: Id(1)] string Category,
    [property: Id(2)] Observation[] Evidence,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Role,
    [property: Id(5)] string Reason);
