using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Spatial;

namespace CityBrain.UnitTests;

public sealed class CityPackLoaderTests
{
    private static readonly Lazy<CityPack> Chengdu = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));
    private static readonly Lazy<CityPack> NewYork = new(() => CityPackLoader.Load(RepoPaths.Pack("nyc")));

    [Fact]
    public void Chengdu_pack_has_20_districts_under_the_city_and_a_generated_grid()
    {
        var root = Chengdu.Value.Regions.Root;
        Assert.Equal("510100", root.Code);
        Assert.Equal(20, root.Children.Count);
        Assert.All(root.Children, d => Assert.NotEmpty(d.Children));
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Chengdu.Value.TimeZone);
    }

    [Fact]
    public void Jinjiang_district_centre_given_in_Gcj02_lies_in_510104()
    {
        // The district file's own "center" of 锦江区, which is GCJ-02 like its polygons.
        var wgs = CrsConverter.ToWgs84(new GeoPoint(104.080989, 30.657689), CoordinateSystem.Gcj02);
        var lookup = Chengdu.Value.Regions.Locate(wgs)!;
        Assert.Equal(["510100", "510104"], lookup.Path.Codes[..2]);
    }

    [Fact]
    public void Chengdu_polygons_are_converted_from_Gcj02_to_Wgs84_at_load()
    {
        // Read as if WGS84, a GCJ-02 point ~500 m off the true location; the loaded polygons sit where WGS84 says.
        var jinjiang = Chengdu.Value.Regions.Find("510104")!.Geometry!;
        var raw = CityPackLoader.ReadFeatures(Path.Combine(RepoPaths.Pack("chengdu"), "districts.geojson"))
            .Single(f => f.Attributes["adcode"].ToString() == "510104").Geometry;
        var shift = new GeoPoint(raw.Centroid.X, raw.Centroid.Y).DistanceMetersTo(new GeoPoint(jinjiang.Centroid.X, jinjiang.Centroid.Y));
        Assert.InRange(shift, 200, 800);
    }

    [Fact]
    public void Chengdu_demo_points_are_all_inside_the_city()
    {
        Assert.True(Chengdu.Value.Points.Count > 300);
        Assert.All(Chengdu.Value.Points.Values, p => Assert.Equal(3, p.Regions.Codes.Length));
    }

    [Fact]
    public void New_York_pack_links_community_districts_to_boroughs_spatially()
    {
        var regions = NewYork.Value.Regions;
        Assert.Equal(5, regions.Root.Children.Count);
        Assert.Equal(71, regions.Root.Children.Sum(b => b.Children.Count));
        Assert.Equal("3", regions.Find("307")!.ParentCode);
        Assert.Equal("1", regions.Find("164")!.ParentCode);
        Assert.Equal(723, NewYork.Value.Points.Count);
        Assert.Equal("camera", NewYork.Value.Points.Values.First().Kind);
    }

    [Fact]
    public void Empire_State_Building_is_in_Manhattan_community_district_105()
    {
        var lookup = NewYork.Value.Regions.Locate(new GeoPoint(-73.9857, 40.7484))!;
        Assert.Equal(["NYC", "1", "105"], lookup.Path.Codes);
    }

    [Fact]
    public void Missing_code_property_is_named_in_the_error()
    {
        var folder = TestPacks.Twin();
        var settings = Path.Combine(folder, CityPackLoader.SettingsFileName);
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"codeProperty\": \"info.code\", ", ""));
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(folder));
        Assert.Contains("layers[0].codeProperty", error.Message);
    }

    [Fact]
    public void Feature_without_its_code_is_named_in_the_error()
    {
        var folder = TestPacks.Twin();
        var districts = Path.Combine(folder, "districts.geojson");
        File.WriteAllText(districts, File.ReadAllText(districts).Replace("\"info\":{\"code\":\"B\"}", "\"info\":{}"));
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(folder));
        Assert.Contains("features[1].properties.info.code", error.Message);
    }

    [Fact]
    public void Radius_larger_than_a_cell_is_refused()
    {
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(TestPacks.Twin(radiusMeters: 600, cellSizeMeters: 500)));
        Assert.Contains("correlation.cellSizeMeters", error.Message);
    }

    [Fact]
    public void Unknown_crs_is_named_in_the_error()
    {
        var folder = TestPacks.Twin();
        var settings = Path.Combine(folder, CityPackLoader.SettingsFileName);
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"crs\": \"wgs84\", \"codeProperty\"", "\"crs\": \"utm\", \"codeProperty\""));
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(folder));
        Assert.Contains("layers[0].crs", error.Message);
    }
}
