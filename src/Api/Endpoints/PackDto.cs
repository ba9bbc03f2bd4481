namespace CityBrain.Api.Endpoints;

/// <summary>The loaded city pack, as <c>GET /api/pack</c> shows it.</summary>
/// <param name="RoutingVersion">The routing table's version; null when the pack has no routing file.</param>
/// <param name="DefaultDepartment">Where categories the routing table does not list go; null when nowhere.</param>
/// <param name="HasSla">Whether the pack has an SLA file (deadlines per category and severity).</param>
/// <param name="Unrouted">Incidents this node opened since it started whose category the routing table does not list.</param>
public sealed record PackDto(
    string Name,
    string TimeZone,
    IReadOnlyList<RegionLevelDto> Levels,
    PointLoadDto Points,
    string? RoutingVersion,
    string? DefaultDepartment,
    bool HasSla,
    UnroutedDto Unrouted);
