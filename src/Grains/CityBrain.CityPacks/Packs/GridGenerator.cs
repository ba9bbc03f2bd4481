using CityBrain.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityBrain.Packs;

/// <summary>
/// Generates a square grid level (the lowest 网格 level when a city has no grid file), clipped to each unit of
/// the level above so every grid square has exactly one parent. Codes are <c>{parent}-G{n}</c>, numbered
/// row by row from the south-west, so the same input always yields the same codes.
/// </summary>
internal static class GridGenerator
{
    public static List<RegionNode> Generate(IReadOnlyList<RegionNode> parents, string level, int depth, double sizeMeters, GeometryFactory factory)
    {
        var extent = new Envelope();
        foreach (var p in parents) extent.ExpandToInclude(p.Geometry!.EnvelopeInternal);
        var grid = new CellGrid(sizeMeters, extent.Centre.Y);
        var nodes = new List<RegionNode>();
        foreach (var parent in parents)
        {
            var prepared = PreparedGeometryFactory.Prepare(parent.Geometry);
            var env = parent.Geometry!.EnvelopeInternal;
            var (minX, minY) = grid.Project(new Geo.GeoPoint(env.MinX, env.MinY));
            var (maxX, maxY) = grid.Project(new Geo.GeoPoint(env.MaxX, env.MaxY));
            var n = 0;
            for (var row = (int)Math.Floor(minY / sizeMeters); row * sizeMeters < maxY; row++)
            {
                for (var col = (int)Math.Floor(minX / sizeMeters); col * sizeMeters < maxX; col++)
                {
                    var sw = grid.Unproject(col * sizeMeters, row * sizeMeters);
                    var ne = grid.Unproject((col + 1) * sizeMeters, (row + 1) * sizeMeters);
                    var square = factory.ToGeometry(new Envelope(sw.Longitude, ne.Longitude, sw.Latitude, ne.Latitude));
                    Geometry? cell = prepared.Covers(square) ? square
                        : prepared.Intersects(square) ? Polygonal(parent.Geometry.Intersection(square), factory)
                        : null;
                    // Slivers along the border would be grid units nobody could find on a map.
                    if (cell is null || cell.Area < square.Area * 0.01) continue;
                    n++;
                    var code = $"{parent.Code}-G{n}";
                    nodes.Add(new RegionNode(code, $"{parent.Name} {level} {n}", level, depth, parent.Code, cell));
                }
            }
        }

        return nodes;
    }

    private static Geometry? Polygonal(Geometry geometry, GeometryFactory factory)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().ToArray();
        return polygons.Length switch
        {
            0 => null,
            1 => polygons[0],
            _ => factory.CreateMultiPolygon(polygons),
        };
    }
}
