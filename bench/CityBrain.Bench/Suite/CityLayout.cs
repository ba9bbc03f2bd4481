using CityBrain.Packs;

namespace CityBrain.Bench.Suite;

/// <summary>
/// The suite's city: a city pack's regions and rules with a generated registry of cameras and sensors. About a
/// quarter of the points are cameras, grouped in <see cref="Sites"/> that several cameras watch; the first sites
/// (<see cref="StormSites"/>) have up to 100 cameras each, for the attach storms. The rest are sensors of
/// <see cref="SensorMetrics.All"/>.
/// </summary>
public sealed class CityLayout
{
    /// <summary>How far a site's cameras stand from the spot they watch, at most.</summary>
    public const double SiteRadiusMeters = 120;

    /// <summary>Sites for storms, one for each evidence level the attach run measures at.</summary>
    public const int StormSiteCount = 3;

    public CityLayout(CityPack pack, IReadOnlyList<SuitePoint> points, IReadOnlyList<CameraSite> sites)
    {
        if (sites.Count <= StormSiteCount) throw new ArgumentException($"a layout needs more than {StormSiteCount} camera sites", nameof(sites));
        Pack = pack;
        Points = points;
        Sites = sites;
        Cameras = points.Where(p => p.Kind == SuitePoint.CameraKind).ToArray();
        Sensors = points.Where(p => p.Kind == SuitePoint.SensorKind).ToArray();
    }

    /// <summary>The pack the layout was made for (its regions, correlation rules and event CRS).</summary>
    public CityPack Pack { get; }

    /// <summary>Every point, cameras first, in the order of the written point file.</summary>
    public IReadOnlyList<SuitePoint> Points { get; }

    public IReadOnlyList<SuitePoint> Cameras { get; }

    public IReadOnlyList<SuitePoint> Sensors { get; }

    /// <summary>Every camera site, the storm sites first.</summary>
    public IReadOnlyList<CameraSite> Sites { get; }

    /// <summary>The sites with the most cameras, in the city's core: a storm is one incident seen by all of a site's cameras.</summary>
    public IReadOnlyList<CameraSite> StormSites => [.. Sites.Take(StormSiteCount)];

    /// <summary>The sites of ordinary happenings: every site but the storm sites.</summary>
    public IReadOnlyList<CameraSite> HappeningSites => [.. Sites.Skip(StormSiteCount)];
}
