using System.Collections.Frozen;
using CityBrain.Events;
using CityBrain.Incidents.Routing;

namespace CityBrain.Routing;

/// <summary>
/// A city pack's routing table: category → responsible departments, and location → grid → grid worker.
/// Loaded once per silo from the pack's routing file (<see cref="RoutingLoader"/>) and read-only after that.
/// </summary>
public sealed class CityRouting
{
    /// <summary>For packs without a routing file: nothing is routed, dispatch names the department.</summary>
    public static readonly CityRouting None = new("none", FrozenDictionary<string, string>.Empty, FrozenDictionary<string, CategoryRoute>.Empty, null, null, FrozenDictionary<string, string>.Empty);

    private readonly FrozenDictionary<string, CategoryRoute> _categories;
    private readonly CategoryRoute? _default;
    private readonly FrozenDictionary<string, string> _workers;

    /// <param name="gridDepth">Index in a region path of the grid level (1 = first level below the city); null for none.</param>
    /// <param name="workers">Grid worker by region code; the most specific code of an incident's path that has one wins.</param>
    public CityRouting(
        string version,
        FrozenDictionary<string, string> departments,
        FrozenDictionary<string, CategoryRoute> categories,
        CategoryRoute? defaultRoute,
        int? gridDepth,
        FrozenDictionary<string, string> workers)
    {
        Version = version;
        Departments = departments;
        _categories = categories;
        _default = defaultRoute;
        GridDepth = gridDepth;
        _workers = workers;
    }

    /// <summary>Recorded on every incident routed with this table.</summary>
    public string Version { get; }

    /// <summary>Department names by code.</summary>
    public FrozenDictionary<string, string> Departments { get; }

    public int? GridDepth { get; }

    public bool IsDepartment(string code) => Departments.ContainsKey(code);

    /// <summary>The route of categories the table does not list; null when there is none.</summary>
    public CategoryRoute? Default => _default;

    /// <summary>Where an incident of <paramref name="category"/> at <paramref name="regions"/> goes; null when neither the category nor a default is routed.</summary>
    public RoutingDecision? Route(string category, RegionPath regions) => Route(category, regions, out _);

    /// <summary>
    /// Where an incident of <paramref name="category"/> (matched after <see cref="CategoryKey.Normalize"/>, which
    /// allocates nothing for a name already normal) at <paramref name="regions"/> goes; null when neither the
    /// category nor a default is routed. <paramref name="listed"/> says whether the table names the category.
    /// </summary>
    public RoutingDecision? Route(string category, RegionPath regions, out bool listed)
    {
        listed = _categories.TryGetValue(CategoryKey.Normalize(category), out var route);
        route ??= _default;
        if (route is null) return null;
        var codes = regions.Codes;
        var grid = GridDepth is { } depth && depth < codes.Length ? codes[depth] : null;
        // The most specific region at or above the grid level that has a worker.
        string? worker = null;
        for (var i = Math.Min(codes.Length - 1, GridDepth ?? codes.Length - 1); i >= 0 && worker is null; i--)
        {
            worker = _workers.GetValueOrDefault(codes[i]);
        }

        return new RoutingDecision(Version, route.Lead, [.. route.Assisting], grid, worker, route.Severity);
    }
}
