using CityBrain.Geo;
using CityBrain.Packs;

namespace CityBrain.UnitTests;

public sealed class RegionIndexTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());

    [Fact]
    public void Point_inside_west_square_is_in_district_A_and_one_of_its_grid_squares()
    {
        var lookup = Twin.Regions.Locate(new GeoPoint(10.005, 50.005))!;
        Assert.Null(lookup.SnappedMeters);
        Assert.Equal(3, lookup.Path.Codes.Length);
        Assert.Equal(["T", "A"], lookup.Path.Codes[..2]);
        Assert.StartsWith("A-G", lookup.Path.Leaf);
    }

    [Fact]
    public void Point_20m_east_of_the_border_is_in_district_B()
    {
        var lookup = Twin.Regions.Locate(TestPacks.Offset(TestPacks.BorderLongitude, TestPacks.Latitude, 20, 0))!;
        Assert.Equal("B", lookup.Path.Codes[1]);
    }

    [Fact]
    public void Point_300m_outside_the_city_snaps_to_the_nearest_grid_square()
    {
        var lookup = Twin.Regions.Locate(TestPacks.Offset(10.04, 50.01, 300, 0))!;
        Assert.Equal("B", lookup.Path.Codes[1]);
        Assert.InRange(lookup.SnappedMeters!.Value, 290, 310);
    }

    [Fact]
    public void Point_far_outside_the_city_is_nowhere()
    {
        Assert.Null(Twin.Regions.Locate(new GeoPoint(11, 51)));
    }

    [Fact]
    public void Generated_grid_covers_each_district_with_500m_squares()
    {
        var a = Twin.Regions.Find("A")!;
        // 0.02° × 0.02° at 50° N is about 1.43 km × 2.21 km: 3 or 4 columns by 5 or 6 rows, clipped.
        Assert.InRange(a.Children.Count, 12, 30);
        Assert.All(a.Children, c => Assert.Equal("A", c.ParentCode));
        var area = a.Children.Sum(c => c.Geometry!.Area);
        Assert.Equal(a.Geometry!.Area, area, 1e-9);
    }

    [Fact]
    public void Nested_property_paths_and_numeric_strings_are_read()
    {
        Assert.Equal("West", Twin.Regions.Find("A")!.Name);
        Assert.Equal(new GeoPoint(10.01, 50.01), Twin.Points["cam-a"].Location);
        Assert.Equal("A", Twin.Points["cam-a"].Regions.Codes[1]);
    }
}
