using CityBrain.Packs;
using CityBrain.Routing;

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

/// <summary>A region level (top first) and how many units it has.</summary>
public sealed record RegionLevelDto(string Level, int Regions);

/// <summary>What loading the point files gave.</summary>
/// <param name="MaxBadShare">The share of a file's entries (0 to 1) above which a bad file stops the start (<c>PackLoading:MaxBadPointShare</c>).</param>
/// <param name="BadByFault">Skipped entries per fault, over all files, all of them counted.</param>
/// <param name="BadEntries">A page of the skipped entries, in file order; the first 1,000 are kept.</param>
public sealed record PointLoadDto(
    int Entries,
    int Loaded,
    int Bad,
    double MaxBadShare,
    IReadOnlyList<PointFileReport> Files,
    IReadOnlyDictionary<PointFault, int> BadByFault,
    PageDto<BadPointEntry> BadEntries);

/// <summary>Unrouted categories, most frequent first (at most 1,000); <paramref name="Other"/> counts the incidents of any further ones.</summary>
public sealed record UnroutedDto(IReadOnlyList<UnroutedCategory> Categories, long Other);
