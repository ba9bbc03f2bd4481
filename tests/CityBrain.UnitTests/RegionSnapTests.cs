using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace CityBrain.UnitTests;

/// <summary>
/// The snap of a location outside every polygon to the nearest lowest-level unit measures only the units whose
/// boxes could be nearer, with a tree of segments for long borders; it must answer exactly what measuring every
/// unit with a pass over its vertices answers.
/// </summary>
public sealed class RegionSnapTests
{
    private static readonly Lazy<CityPack> Chengdu = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));
    private static readonly Lazy<CityPack> Nyc = new(() => CityPackLoader.Load(RepoPaths.Pack("nyc")));

    [Fact]
    public void Snaps_around_Chengdu_agree_with_measuring_every_grid_square() => AssertSnapsAgree(Chengdu.Value, seed: 11, wanted: 60);

    [Fact]
    public void Snaps_around_New_York_agree_with_measuring_every_community_district() => AssertSnapsAgree(Nyc.Value, seed: 12, wanted: 60);

    [Fact]
    public void The_box_bound_is_never_more_than_the_distance_to_a_point_in_the_box()
    {
        var random = new Random(5);
        for (var n = 0; n < 20_000; n++)
        {
            var here = new GeoPoint(-180 + random.NextDouble() * 360, -85 + random.NextDouble() * 170);
            var x = here.Longitude + (random.NextDouble() - 0.5) * 0.2;
            var y = Math.Clamp(here.Latitude + (random.NextDouble() - 0.5) * 0.2, -89, 89);
            var box = new Envelope(x, x + random.NextDouble() * 0.05, y, Math.Min(89.5, y + random.NextDouble() * 0.05));
            var inside = new GeoPoint(box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height);
            foreach (var corner in new[] { inside, new GeoPoint(box.MinX, box.MinY), new GeoPoint(box.MaxX, box.MaxY), new GeoPoint(Math.Clamp(here.Longitude, box.MinX, box.MaxX), Math.Clamp(here.Latitude, box.MinY, box.MaxY)) })
            {
                var bound = RegionIndex.MetersToBoxAtLeast(here, box);
                Assert.True(bound <= here.DistanceMetersTo(corner), $"{here} to {box}: bound {bound} m above {here.DistanceMetersTo(corner)} m to {corner}");
            }
        }
    }

    [Fact]
    public void A_location_inside_a_box_is_bounded_by_nothing()
    {
        Assert.Equal(0, RegionIndex.MetersToBoxAtLeast(new GeoPoint(104.05, 30.65), new Envelope(104, 104.1, 30.6, 30.7)));
    }

    /// <summary>
    /// Random locations around the city until <paramref name="wanted"/> of them lie outside every polygon within
    /// the snap tolerance; each must snap to a unit at the least distance, at that distance. Ties (a shared corner)
    /// may go to any of the tied units, but the distance is the same.
    /// </summary>
    private static void AssertSnapsAgree(CityPack pack, int seed, int wanted)
    {
        var lowest = Lowest(pack.Regions.Root, pack.Regions.LevelNames.Count).ToArray();
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var random = new Random(seed);
        var extent = pack.Regions.Extent;
        int snapped = 0, nowhere = 0;
        for (var tries = 0; snapped < wanted && tries < 200_000; tries++)
        {
            var location = new GeoPoint(extent.MinX - 0.03 + random.NextDouble() * (extent.Width + 0.06), extent.MinY - 0.03 + random.NextDouble() * (extent.Height + 0.06));
            var point = factory.CreatePoint(new Coordinate(location.Longitude, location.Latitude));
            var lookup = pack.Regions.Locate(location);
            if (lookup is { SnappedMeters: null }) continue;

            var measured = lowest.Select(n => (Node: n, Meters: location.DistanceMetersTo(ToGeo(DistanceOp.NearestPoints(n.Geometry, point)[0])))).ToArray();
            var least = measured.Min(m => m.Meters);
            if (least > pack.Regions.SnapToleranceMeters)
            {
                Assert.Null(lookup);
                nowhere++;
                continue;
            }

            Assert.NotNull(lookup);
            Assert.Equal(least, lookup.SnappedMeters!.Value, 6);
            var tied = measured.Where(m => Math.Abs(m.Meters - least) < 1e-6).Select(m => pack.Regions.PathOf(m.Node)).ToArray();
            Assert.Contains(lookup.Path, tied);
            snapped++;
        }

        Assert.Equal(wanted, snapped);
    }

    private static GeoPoint ToGeo(Coordinate c) => new(c.X, c.Y);

    private static IEnumerable<RegionNode> Lowest(RegionNode node, int depth) =>
        node.Depth == depth ? [node] : node.Children.SelectMany(c => Lowest(c, depth));
}
