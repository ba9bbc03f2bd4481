using NetTopologySuite.Geometries;

namespace CityBrain.Spatial;

/// <summary>One administrative unit of a city pack's region tree.</summary>
/// <param name="Code">The unit's code, unique across all levels.</param>
/// <param name="Name">Display name (the code when the pack names none).</param>
/// <param name="Level">The level name, e.g. <c>district</c> or <c>grid</c>; the root's level is <c>city</c>.</param>
/// <param name="Depth">0 for the root, 1 for the first layer, and so on.</param>
/// <param name="ParentCode">Null for the root.</param>
/// <param name="Geometry">The unit's polygon(s) in WGS84; null for the root, which is the union of its children.</param>
public sealed record RegionNode(string Code, string Name, string Level, int Depth, string? ParentCode, Geometry? Geometry)
{
    private readonly List<RegionNode> _children = [];

    public IReadOnlyList<RegionNode> Children => _children;

    internal void AddChild(RegionNode child) => _children.Add(child);
}
