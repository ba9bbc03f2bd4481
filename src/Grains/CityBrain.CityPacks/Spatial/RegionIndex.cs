using CityBrain.Events;
using CityBrain.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace CityBrain.Spatial;

/// <summary>
/// The region tree of a city pack with one <see cref="STRtree{T}"/> of prepared polygons per level.
/// Built once at start-up; afterwards read-only, so any number of threads may query it at once.
/// A location is assigned to the deepest level whose polygon contains it (borders: the first polygon that
/// covers the point wins). A location outside every polygon but within <see cref="SnapToleranceMeters"/> of a
/// lowest-level unit (a bridge, a pier, a geocoding error near the shore) is assigned to that nearest unit:
/// the city still has to handle it. Beyond that it is outside the city and <see cref="Locate"/> returns null.
/// </summary>
public sealed class RegionIndex
{
    private readonly Dictionary<string, RegionNode> _byCode;
    private readonly STRtree<Entry>[] _levels;
    private readonly GeometryFactory _factory;

    private sealed class Entry(RegionNode node, IPreparedGeometry prepared)
    {
        /// <summary>Below this many vertices a pass over the segments is cheaper than the facet tree's per-query set-up.</summary>
        private const int FacetTreeFromVertices = 256;

        private IndexedFacetDistance? _facets;

        public RegionNode Node { get; } = node;

        public IPreparedGeometry Prepared { get; } = prepared;

        /// <summary>The point of this unit nearest to <paramref name="outside"/>, a point outside it, in degrees.</summary>
        public Coordinate NearestTo(Point outside)
        {
            var geometry = Node.Geometry!;
            if (geometry.NumPoints < FacetTreeFromVertices) return DistanceOp.NearestPoints(geometry, outside)[0];
            // A long border: a tree of its segments, built on the first snap near this unit (most units are never
            // snapped to). Thread-safe, as the finder itself is. Both give the point at the least planar distance.
            var facets = LazyInitializer.EnsureInitialized(ref _facets, () => new IndexedFacetDistance(geometry));
            return facets.NearestPoints(outside)[0];
        }
    }

    public RegionIndex(RegionNode root, IReadOnlyList<IReadOnlyList<RegionNode>> levels, double snapToleranceMeters, GeometryFactory factory)
    {
        Root = root;
        SnapToleranceMeters = snapToleranceMeters;
        _factory = factory;
        _byCode = new Dictionary<string, RegionNode>(StringComparer.Ordinal) { [root.Code] = root };
        _levels = new STRtree<Entry>[levels.Count];
        for (var i = 0; i < levels.Count; i++)
        {
            var tree = new STRtree<Entry>();
            foreach (var node in levels[i])
            {
                _byCode[node.Code] = node;
                tree.Insert(node.Geometry!.EnvelopeInternal, new Entry(node, PreparedGeometryFactory.Prepare(node.Geometry)));
            }

            tree.Build();
            _levels[i] = tree;
        }

        LevelNames = levels.Select(l => l.Count > 0 ? l[0].Level : "").ToArray();
        Extent = levels.Count == 0 ? new Envelope() : levels[0].Aggregate(new Envelope(), (env, n) => { env.ExpandToInclude(n.Geometry!.EnvelopeInternal); return env; });
    }

    public RegionNode Root { get; }

    public double SnapToleranceMeters { get; }

    /// <summary>Level names below the root, top first.</summary>
    public IReadOnlyList<string> LevelNames { get; }

    /// <summary>Bounding box of the first level in WGS84 degrees.</summary>
    public Envelope Extent { get; }

    public int Count => _byCode.Count;

    public RegionNode? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Locate a WGS84 point; null when it is farther than the snap tolerance from every unit.</summary>
    public RegionLookup? Locate(GeoPoint location)
    {
        var point = _factory.CreatePoint(new Coordinate(location.Longitude, location.Latitude));
        for (var level = _levels.Length - 1; level >= 0; level--)
        {
            foreach (var entry in _levels[level].Query(point.EnvelopeInternal))
            {
                if (entry.Prepared.Covers(point)) return new RegionLookup(PathOf(entry.Node), null);
            }
        }

        return _levels.Length == 0 ? null : Snap(location, point);
    }

    /// <summary>Codes from the root down to <paramref name="node"/>.</summary>
    public RegionPath PathOf(RegionNode node)
    {
        var codes = new string[node.Depth + 1];
        for (var current = node; current is not null; current = current.ParentCode is null ? null : _byCode[current.ParentCode])
        {
            codes[current.Depth] = current.Code;
        }

        return new RegionPath(codes);
    }

    private RegionLookup? Snap(GeoPoint location, Point point)
    {
        // A degree of latitude is ~111 km; longitude degrees shrink with latitude, so widen by the cosine.
        var degrees = SnapToleranceMeters / 111_000.0 / Math.Max(0.05, Math.Cos(double.DegreesToRadians(location.Latitude)));
        var search = new Envelope(location.Longitude - degrees, location.Longitude + degrees, location.Latitude - degrees, location.Latitude + degrees);
        var candidates = _levels[^1].Query(search);
        if (candidates.Count == 0) return null;

        // Nearest box first: a unit cannot be nearer than its bounding box, so once a unit is nearer than the next
        // box, the rest need no measuring. Equal distances go to
        // the unit the tree gave first, as when every unit was measured in the tree's order.
        var order = new (double AtLeastMeters, int Index)[candidates.Count];
        for (var i = 0; i < candidates.Count; i++) order[i] = (MetersToBoxAtLeast(location, candidates[i].Node.Geometry!.EnvelopeInternal), i);
        Array.Sort(order);
        RegionNode? best = null;
        var bestMeters = double.MaxValue;
        var bestIndex = int.MaxValue;
        foreach (var (atLeast, index) in order)
        {
            if (atLeast > bestMeters) break;
            var node = candidates[index].Node;
            var nearest = candidates[index].NearestTo(point);
            var meters = location.DistanceMetersTo(new GeoPoint(nearest.X, nearest.Y));
            if (meters < bestMeters || (meters == bestMeters && index < bestIndex))
            {
                bestMeters = meters;
                bestIndex = index;
                best = node;
            }
        }

        return best is not null && bestMeters <= SnapToleranceMeters ? new RegionLookup(PathOf(best), bestMeters) : null;
    }

    /// <summary>
    /// A lower bound of the great-circle distance (as <see cref="GeoPoint.DistanceMetersTo"/> measures it) from
    /// <paramref name="location"/> to any point of <paramref name="box"/> (WGS84 degrees). The haversine term is at
    /// least the one of the smallest latitude and longitude differences, with the smallest cosines in the box; the
    /// result is shaded down so that rounding never lifts it above a true distance.
    /// </summary>
    internal static double MetersToBoxAtLeast(GeoPoint location, Envelope box)
    {
        var dLat = double.DegreesToRadians(Math.Max(0, Math.Max(box.MinY - location.Latitude, location.Latitude - box.MaxY)));
        var dLon = double.DegreesToRadians(Math.Max(0, Math.Max(box.MinX - location.Longitude, location.Longitude - box.MaxX)));
        if (dLon > Math.PI) dLon = 0;
        var cosHere = Math.Cos(double.DegreesToRadians(Math.Min(90, Math.Abs(location.Latitude))));
        var cosBox = Math.Cos(double.DegreesToRadians(Math.Min(90, Math.Max(Math.Abs(box.MinY), Math.Abs(box.MaxY)))));
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var h = sinLat * sinLat + Math.Max(0, cosHere * cosBox) * sinLon * sinLon;
        var meters = 2 * GeoPoint.EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        return Math.Max(0, meters * (1 - 1e-9) - 1e-6);
    }
}
