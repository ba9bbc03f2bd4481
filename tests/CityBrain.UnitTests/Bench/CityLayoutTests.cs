using CityBrain.Bench.Suite;
using CityBrain.Packs;

namespace CityBrain.UnitTests.Bench;

public sealed class CityLayoutTests
{
    [Fact]
    public void The_same_seed_places_the_same_points_and_another_seed_other_ones()
    {
        var again = CityLayoutGenerator.Generate(SuiteCity.Pack, SuiteCity.Points, SuiteCity.Seed);
        var other = CityLayoutGenerator.Generate(SuiteCity.Pack, SuiteCity.Points, SuiteCity.Seed + 1);

        Assert.Equal(SuiteCity.Layout.Points, again.Points);
        Assert.Equal(SuiteCity.Layout.Sites.Select(s => s.Centre), again.Sites.Select(s => s.Centre));
        Assert.NotEqual(SuiteCity.Layout.Points.Select(p => p.Location), other.Points.Select(p => p.Location));
    }

    [Fact]
    public void A_quarter_are_cameras_at_sites_and_the_rest_sensors_of_every_metric_in_its_share()
    {
        var layout = SuiteCity.Layout;

        Assert.Equal(SuiteCity.Points, layout.Points.Count);
        Assert.Equal(SuiteCity.Points / 4, layout.Cameras.Count);
        Assert.Equal(SuiteCity.Points - (SuiteCity.Points / 4), layout.Sensors.Count);
        Assert.Equal(layout.Points.Count, layout.Points.Select(p => p.Id).Distinct().Count());
        Assert.Equal(layout.Cameras.Select(c => c.Id).Order(), layout.Sites.SelectMany(s => s.Cameras).Order());
        Assert.All(layout.Sensors, s => Assert.NotNull(s.Metric));
        foreach (var metric in SensorMetrics.All)
        {
            var share = (double)layout.Sensors.Count(s => s.Metric == metric.Name) / layout.Sensors.Count;
            Assert.InRange(share, metric.Share - 0.03, metric.Share + 0.03);
        }
    }

    [Fact]
    public void Each_storm_site_has_a_hundred_cameras_near_its_centre_and_the_storm_sites_are_far_apart()
    {
        var storms = SuiteCity.Layout.StormSites;
        var cameras = SuiteCity.Layout.Cameras.ToDictionary(c => c.Id);

        Assert.Equal(CityLayout.StormSiteCount, storms.Count);
        foreach (var site in storms)
        {
            Assert.Equal(CityLayoutGenerator.StormCameras, site.Cameras.Count);
            Assert.All(site.Cameras, id => Assert.InRange(cameras[id].Location.DistanceMetersTo(site.Centre), 0, CityLayout.SiteRadiusMeters));
        }

        Assert.All(storms.SelectMany(a => storms.Where(b => b != a).Select(b => a.Centre.DistanceMetersTo(b.Centre))), d => Assert.True(d > 1_000, $"{d} m"));
        Assert.DoesNotContain(storms[0], SuiteCity.Layout.HappeningSites);
    }

    [Fact]
    public void The_written_copy_loads_every_point_inside_a_region_and_names_only_the_new_point_file()
    {
        var copy = Path.Combine(SuiteCity.NewFolder(), "pack");

        CityPackCopyWriter.Write(RepoPaths.Pack("chengdu"), copy, SuiteCity.Layout);

        var pack = CityPackLoader.Load(copy);
        Assert.Equal(SuiteCity.Points, pack.PointReport.Loaded);
        Assert.Equal(0, pack.PointReport.Bad);
        Assert.False(File.Exists(Path.Combine(copy, "points.json")));
        Assert.All(SuiteCity.Layout.Points, p =>
        {
            var loaded = pack.Points[p.Id];
            Assert.Equal(p.Kind, loaded.Kind);
            Assert.True(loaded.Location.DistanceMetersTo(p.Location) < 0.5, $"{p.Id} moved {loaded.Location.DistanceMetersTo(p.Location)} m");
            Assert.Null(pack.Regions.Locate(loaded.Location)!.SnappedMeters);
        });
        Assert.Equal(SuiteCity.Pack.Regions.Count, pack.Regions.Count);
    }
}
