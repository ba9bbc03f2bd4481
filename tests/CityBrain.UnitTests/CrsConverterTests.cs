using CityBrain.Geo;
using CityBrain.Spatial;

namespace CityBrain.UnitTests;

/// <summary>
/// Reference points are published test vectors of two independent implementations of the same published
/// algorithm: googollee/eviltransform (its test suite's Shanghai, Shenzhen and Beijing cases) and
/// coordtransform (Beijing 116.404, 39.915).
/// </summary>
public sealed class CrsConverterTests
{
    // One metre is about 9e-6 degrees of latitude; the vectors agree to far better than that.
    private const double Tolerance = 1e-7;

    [Theory]
    [InlineData(121.5272106, 31.1774276, 121.531541859215, 31.17530398364597)] // Shanghai
    [InlineData(113.912316, 22.543847, 113.9171764808363, 22.540796131694766)] // Shenzhen
    [InlineData(116.377817, 39.911954, 116.38404722455657, 39.91334545536069)] // Beijing
    [InlineData(116.404, 39.915, 116.41024449916938, 39.91640428150164)] // Beijing, coordtransform
    public void Wgs84_to_Gcj02_matches_published_points(double wgsLon, double wgsLat, double gcjLon, double gcjLat)
    {
        var gcj = CrsConverter.Wgs84ToGcj02(new GeoPoint(wgsLon, wgsLat));
        Assert.Equal(gcjLon, gcj.Longitude, Tolerance);
        Assert.Equal(gcjLat, gcj.Latitude, Tolerance);
    }

    [Theory]
    [InlineData(121.5272106, 31.1774276, 121.531541859215, 31.17530398364597)]
    [InlineData(113.912316, 22.543847, 113.9171764808363, 22.540796131694766)]
    [InlineData(116.377817, 39.911954, 116.38404722455657, 39.91334545536069)]
    public void Gcj02_to_Wgs84_recovers_the_published_point_to_a_centimetre(double wgsLon, double wgsLat, double gcjLon, double gcjLat)
    {
        var wgs = CrsConverter.Gcj02ToWgs84(new GeoPoint(gcjLon, gcjLat));
        Assert.True(wgs.DistanceMetersTo(new GeoPoint(wgsLon, wgsLat)) < 0.01, $"{wgs} is {wgs.DistanceMetersTo(new GeoPoint(wgsLon, wgsLat))} m from the reference");
    }

    [Fact]
    public void Gcj02_inverse_is_accurate_to_a_millimetre_across_China()
    {
        for (var lon = 74.0; lon < 135; lon += 3.7)
        {
            for (var lat = 18.0; lat < 53; lat += 2.9)
            {
                var wgs = new GeoPoint(lon, lat);
                var back = CrsConverter.Gcj02ToWgs84(CrsConverter.Wgs84ToGcj02(wgs));
                Assert.True(back.DistanceMetersTo(wgs) < 0.001, $"{wgs}: round trip off by {back.DistanceMetersTo(wgs)} m");
            }
        }
    }

    [Fact]
    public void Gcj02_offset_near_Chengdu_is_hundreds_of_metres_as_documented()
    {
        var wgs = new GeoPoint(104.0657, 30.6595);
        var meters = CrsConverter.Wgs84ToGcj02(wgs).DistanceMetersTo(wgs);
        Assert.InRange(meters, 200, 700);
    }

    [Theory]
    [InlineData(116.404, 39.915, 116.41036949371029, 39.92133699351021)] // coordtransform gcj02_to_bd09
    public void Gcj02_to_Bd09_matches_published_point(double gcjLon, double gcjLat, double bdLon, double bdLat)
    {
        var bd = CrsConverter.Gcj02ToBd09(new GeoPoint(gcjLon, gcjLat));
        Assert.Equal(bdLon, bd.Longitude, Tolerance);
        Assert.Equal(bdLat, bd.Latitude, Tolerance);
    }

    [Theory]
    [InlineData(116.404, 39.915, 116.39762729119315, 39.90865673957631)] // coordtransform bd09_to_gcj02
    public void Bd09_to_Gcj02_matches_published_point(double bdLon, double bdLat, double gcjLon, double gcjLat)
    {
        // The reference uses the one-step closed form, which is good to about a centimetre; ours iterates further.
        var gcj = CrsConverter.Bd09ToGcj02(new GeoPoint(bdLon, bdLat));
        Assert.True(gcj.DistanceMetersTo(new GeoPoint(gcjLon, gcjLat)) < 0.05, $"{gcj} is {gcj.DistanceMetersTo(new GeoPoint(gcjLon, gcjLat))} m off");
    }

    [Fact]
    public void Bd09_round_trip_through_Wgs84_is_accurate_to_a_millimetre()
    {
        var wgs = new GeoPoint(104.0657, 30.6595);
        var back = CrsConverter.ToWgs84(CrsConverter.FromWgs84(wgs, CoordinateSystem.Bd09), CoordinateSystem.Bd09);
        Assert.True(back.DistanceMetersTo(wgs) < 0.001, $"off by {back.DistanceMetersTo(wgs)} m");
    }

    [Fact]
    public void Outside_China_Gcj02_is_Wgs84()
    {
        var newYork = new GeoPoint(-73.9857, 40.7484);
        Assert.Equal(newYork, CrsConverter.Wgs84ToGcj02(newYork));
        Assert.Equal(newYork, CrsConverter.ToWgs84(newYork, CoordinateSystem.Gcj02));
    }

    [Theory]
    [InlineData("WGS84", CoordinateSystem.Wgs84)]
    [InlineData("EPSG:4326", CoordinateSystem.Wgs84)]
    [InlineData("gcj-02", CoordinateSystem.Gcj02)]
    [InlineData("GCJ02", CoordinateSystem.Gcj02)]
    [InlineData("bd09", CoordinateSystem.Bd09)]
    public void Crs_names_parse(string text, CoordinateSystem expected)
    {
        Assert.True(CrsConverter.TryParse(text, out var crs));
        Assert.Equal(expected, crs);
    }

    [Fact]
    public void Unknown_crs_name_is_refused() => Assert.False(CrsConverter.TryParse("utm50n", out _));
}
