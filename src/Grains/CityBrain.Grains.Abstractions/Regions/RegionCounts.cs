namespace CityBrain.Regions;

/// <summary>Live figures of one administrative unit (of any level).</summary>
/// <param name="Code">The unit's code.</param>
/// <param name="OpenIncidents">Open incidents anywhere inside the unit.</param>
/// <param name="OpenByCategory">Open incidents by category.</param>
/// <param name="OpenByChild">Open incidents by the child unit (next level down) they lie in.</param>
[GenerateSerializer, Immutable, Alias("cb.RegionCounts")]
public sealed record RegionCounts(
    [property: Id(0)] string Code,
    [property: Id(1)] int OpenIncidents,
    [property: Id(2)] IReadOnlyDictionary<string, int> OpenByCategory,
    [property: Id(3)] IReadOnlyDictionary<string, int> OpenByChild);
