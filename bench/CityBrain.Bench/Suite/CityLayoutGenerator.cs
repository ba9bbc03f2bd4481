using System.Globalization;
using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Spatial;

namespace CityBrain.Bench.Suite;

/// <summary>
/// Places a city's cameras and sensors inside its region polygons, deterministically from a seed. A city is
/// densest in its core, so most points lie within <see cref="CoreRadiusMeters"/> of the core (the interior of the
/// smallest first-level unit: central districts are the small ones) and the rest anywhere in the city. Every point is
/// inside a polygon of the lowest level both in WGS84 and after the round trip through the pack's event CRS at
/// the point file's precision, so the host loads it without snapping.
/// </summary>
public static class CityLayoutGenerator
{
    /// <summary>Share of the points that are cameras.</summary>
    public const double CameraShare = 0.25;

    /// <summary>Cameras around each storm site, when the city has enough cameras.</summary>
    public const int StormCameras = 100;

    /// <summary>Storm sites are this far apart (east of one another, from the core), so their storms never meet.</summary>
    private const double StormSpacingMeters = 2_000;

    private const double CoreShare = 0.6;
    private const double CoreRadiusMeters = 15_000;
    private const int MinCamerasPerSite = 2;
    private const int MaxCamerasPerSite = 6;
    private const int MaxAttempts = 1_000;

    /// <summary>Decimal places of the point file's coordinates (about 1 cm).</summary>
    public const int CoordinateDecimals = 7;

    public static CityLayout Generate(CityPack pack, int pointCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointCount, 8);
        var random = new Random(seed);
        var places = new Places(pack, random);
        var cameraCount = Math.Max(4, (int)Math.Round(pointCount * CameraShare));
        var points = new List<SuitePoint>(pointCount);
        var sites = new List<CameraSite>();

        // The storm sites: as many cameras as a big fire in the core would be seen by, leaving cameras for the other sites.
        var stormCameras = Math.Max(1, Math.Min(StormCameras, cameraCount / (2 * CityLayout.StormSiteCount)));
        for (var k = 0; k < CityLayout.StormSiteCount; k++)
        {
            sites.Add(Site(places.InsideOrAnywhere(places.Core.MovedBy(k * StormSpacingMeters, 0)), stormCameras, radiusMeters: 60));
        }

        while (points.Count < cameraCount)
        {
            var size = Math.Min(random.Next(MinCamerasPerSite, MaxCamerasPerSite + 1), cameraCount - points.Count);
            sites.Add(Site(places.Anywhere(), size, CityLayout.SiteRadiusMeters));
        }

        for (var n = 1; points.Count < pointCount; n++)
        {
            var metric = SensorMetrics.Pick(random);
            points.Add(new SuitePoint(FormattableString.Invariant($"CD-SEN-{n:D6}"), SuitePoint.SensorKind, metric.Name, places.Anywhere()));
        }

        return new CityLayout(pack, points, sites);

        CameraSite Site(GeoPoint centre, int cameras, double radiusMeters)
        {
            var ids = new string[cameras];
            for (var i = 0; i < cameras; i++)
            {
                ids[i] = string.Create(CultureInfo.InvariantCulture, $"CD-CAM-{points.Count + 1:D6}");
                points.Add(new SuitePoint(ids[i], SuitePoint.CameraKind, null, places.Near(centre, radiusMeters)));
            }

            return new CameraSite(centre, ids);
        }
    }

    /// <summary>Random locations inside the pack's regions.</summary>
    private sealed class Places(CityPack pack, Random random)
    {
        public GeoPoint Core { get; } = CoreOf(pack);

        /// <summary>In the core with <see cref="CoreShare"/>, else anywhere in the city.</summary>
        public GeoPoint Anywhere()
        {
            var extent = pack.Regions.Extent;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var candidate = random.NextDouble() < CoreShare
                    ? Offset(Core, CoreRadiusMeters * Math.Sqrt(random.NextDouble()))
                    : new GeoPoint(extent.MinX + (random.NextDouble() * extent.Width), extent.MinY + (random.NextDouble() * extent.Height));
                if (Inside(candidate) is { } placed) return placed;
            }

            throw new BenchException($"pack '{pack.Name}': no location inside its regions found in {MaxAttempts} tries");
        }

        /// <summary><paramref name="wanted"/> if it is inside a region, else a place anywhere.</summary>
        public GeoPoint InsideOrAnywhere(GeoPoint wanted) => Inside(wanted) ?? Anywhere();

        /// <summary>Within <paramref name="radiusMeters"/> of <paramref name="centre"/>; the centre itself when nothing around it is inside.</summary>
        public GeoPoint Near(GeoPoint centre, double radiusMeters)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                if (Inside(Offset(centre, radiusMeters * Math.Sqrt(random.NextDouble()))) is { } placed) return placed;
            }

            return centre;
        }

        /// <summary>The location as the point file will give it back, or null when that is not inside a region.</summary>
        private GeoPoint? Inside(GeoPoint wgs84)
        {
            var written = CrsConverter.FromWgs84(wgs84, pack.DefaultEventCrs);
            written = new GeoPoint(Math.Round(written.Longitude, CoordinateDecimals), Math.Round(written.Latitude, CoordinateDecimals));
            var read = CrsConverter.ToWgs84(written, pack.DefaultEventCrs);
            return pack.Regions.Locate(read) is { SnappedMeters: null } ? read : null;
        }

        private GeoPoint Offset(GeoPoint origin, double meters)
        {
            var bearing = random.NextDouble() * 2 * Math.PI;
            return origin.MovedBy(meters * Math.Sin(bearing), meters * Math.Cos(bearing));
        }

        private static GeoPoint CoreOf(CityPack pack)
        {
            var smallest = pack.Regions.Root.Children.Where(c => c.Geometry is not null).MinBy(c => c.Geometry!.Area)
                ?? throw new BenchException($"pack '{pack.Name}' has no first-level region with a polygon");
            var interior = smallest.Geometry!.InteriorPoint;
            return new GeoPoint(interior.X, interior.Y);
        }
    }
}
