using CityBrain.Geo;

namespace CityBrain.Spatial;

/// <summary>
/// Conversions between WGS84, GCJ-02 and BD-09. GCJ-02 is WGS84 with a published, non-invertible
/// perturbation applied inside China; its inverse is found by fixed-point iteration to better than a millimetre.
/// Outside China's bounding box GCJ-02 equals WGS84 by definition. Thread-safe, allocation-free.
/// </summary>
public static class CrsConverter
{
    // Krasovsky 1940 ellipsoid, as the GCJ-02 algorithm defines it.
    private const double SemiMajorAxis = 6378245.0;
    private const double EccentricitySquared = 0.00669342162296594323;
    private const double BaiduFactor = Math.PI * 3000.0 / 180.0;

    /// <summary>Convert a point given in <paramref name="from"/> to WGS84.</summary>
    public static GeoPoint ToWgs84(GeoPoint point, CoordinateSystem from) => from switch
    {
        CoordinateSystem.Wgs84 => point,
        CoordinateSystem.Gcj02 => Gcj02ToWgs84(point),
        CoordinateSystem.Bd09 => Gcj02ToWgs84(Bd09ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, "unknown coordinate system"),
    };

    /// <summary>Convert a WGS84 point to <paramref name="to"/>.</summary>
    public static GeoPoint FromWgs84(GeoPoint point, CoordinateSystem to) => to switch
    {
        CoordinateSystem.Wgs84 => point,
        CoordinateSystem.Gcj02 => Wgs84ToGcj02(point),
        CoordinateSystem.Bd09 => Gcj02ToBd09(Wgs84ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "unknown coordinate system"),
    };

    public static GeoPoint Wgs84ToGcj02(GeoPoint wgs)
    {
        if (IsOutsideChina(wgs)) return wgs;
        var (dLon, dLat) = Offset(wgs.Longitude, wgs.Latitude);
        return new GeoPoint(wgs.Longitude + dLon, wgs.Latitude + dLat);
    }

    /// <summary>
    /// Inverse of <see cref="Wgs84ToGcj02"/> by iteration: the perturbation changes slowly with position, so
    /// correcting the guess by the forward error converges geometrically (a handful of steps reach 1e-9 degrees).
    /// </summary>
    public static GeoPoint Gcj02ToWgs84(GeoPoint gcj)
    {
        if (IsOutsideChina(gcj)) return gcj;
        var lon = gcj.Longitude;
        var lat = gcj.Latitude;
        for (var i = 0; i < 30; i++)
        {
            var forward = Wgs84ToGcj02(new GeoPoint(lon, lat));
            var errLon = forward.Longitude - gcj.Longitude;
            var errLat = forward.Latitude - gcj.Latitude;
            lon -= errLon;
            lat -= errLat;
            if (Math.Abs(errLon) < 1e-10 && Math.Abs(errLat) < 1e-10) break;
        }

        return new GeoPoint(lon, lat);
    }

    public static GeoPoint Gcj02ToBd09(GeoPoint gcj)
    {
        var x = gcj.Longitude;
        var y = gcj.Latitude;
        var z = Math.Sqrt(x * x + y * y) + 0.00002 * Math.Sin(y * BaiduFactor);
        var theta = Math.Atan2(y, x) + 0.000003 * Math.Cos(x * BaiduFactor);
        return new GeoPoint(z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>
    /// Inverse of <see cref="Gcj02ToBd09"/>: the published closed-form inverse (good to about a centimetre),
    /// refined by the same fixed-point iteration as <see cref="Gcj02ToWgs84"/>.
    /// </summary>
    public static GeoPoint Bd09ToGcj02(GeoPoint bd)
    {
        var x = bd.Longitude - 0.0065;
        var y = bd.Latitude - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * BaiduFactor);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * BaiduFactor);
        var lon = z * Math.Cos(theta);
        var lat = z * Math.Sin(theta);
        for (var i = 0; i < 10; i++)
        {
            var forward = Gcj02ToBd09(new GeoPoint(lon, lat));
            var errLon = forward.Longitude - bd.Longitude;
            var errLat = forward.Latitude - bd.Latitude;
            lon -= errLon;
            lat -= errLat;
            if (Math.Abs(errLon) < 1e-10 && Math.Abs(errLat) < 1e-10) break;
        }

        return new GeoPoint(lon, lat);
    }

    /// <summary>The bounding box the GCJ-02 algorithm applies to; outside it no offset is added.</summary>
    public static bool IsOutsideChina(GeoPoint p) =>
        p.Longitude < 72.004 || p.Longitude > 137.8347 || p.Latitude < 0.8293 || p.Latitude > 55.8271;

    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = TransformLatitude(x, y);
        var dLon = TransformLongitude(x, y);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - EccentricitySquared * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (SemiMajorAxis * (1 - EccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (SemiMajorAxis / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    private static double TransformLatitude(double x, double y)
    {
        var ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLongitude(double x, double y)
    {
        var ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }

    /// <summary>Parse a CRS name as packs and events spell it: <c>wgs84</c>, <c>gcj02</c>, <c>bd09</c> (case, hyphens and <c>EPSG:4326</c> tolerated).</summary>
    public static bool TryParse(string? text, out CoordinateSystem crs)
    {
        var normal = (text ?? "").Trim().Replace("-", "").Replace("_", "").ToLowerInvariant();
        switch (normal)
        {
            case "wgs84" or "epsg:4326" or "crs84" or "4326":
                crs = CoordinateSystem.Wgs84;
                return true;
            case "gcj02":
                crs = CoordinateSystem.Gcj02;
                return true;
            case "bd09" or "bd09ll":
                crs = CoordinateSystem.Bd09;
                return true;
            default:
                crs = default;
                return false;
        }
    }
}
