using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents.Routing;

/// <summary>Who an incident goes to, as the city pack's routing table said when it was opened.</summary>
/// <param name="Version">The routing table's version, recorded so a later table change can be told apart.</param>
/// <param name="Lead">主办: the responsible department's code.</param>
/// <param name="Assisting">协办: assisting departments' codes.</param>
/// <param name="GridCode">The incident's grid (the routing table's grid level), if the location has one.</param>
/// <param name="GridWorker">The grid worker assigned to that grid, if any.</param>
/// <param name="Severity">The severity an incident of its category starts at.</param>
[GenerateSerializer, Immutable, Alias("cb.RoutingDecision")]
public sealed record RoutingDecision(
    [property: Id(0)] string Version,
    [property: Id(1)] string Lead,
    [property: Id(2)] string[] Assisting,
    [property: Id(3)] string? GridCode,
    [property: Id(4)] string? GridWorker,
    [property: Id(5)] Severity Severity = Severity.Normal);
