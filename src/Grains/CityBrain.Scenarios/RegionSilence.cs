using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;

namespace CityBrain.Scenarios;

/// <summary>
/// The rules of a region's silence watch that the live watch (the region silence grain) and the backtest's
/// simulation share: the watch's key, and the observation that stands for an outage.
/// </summary>
public static class RegionSilence
{
    /// <summary>The CloudEvents source of outage observations.</summary>
    public const string Source = "silence";

    /// <summary>The watch's key: <c>{scenario id}|{region code}</c>.</summary>
    public static string KeyOf(string scenarioId, string regionCode) => $"{scenarioId}|{regionCode}";

    /// <summary>The scenario and region of a watch key; region codes contain no '|', scenario ids neither.</summary>
    public static (string ScenarioId, string Region) PartsOf(string key) => (key[..key.LastIndexOf('|')], key[(key.LastIndexOf('|') + 1)..]);

    /// <summary>The outage as an observation: at the silent points' centre, keyed by the region and the moment it was decided.</summary>
    public static Observation Outage(CityPack pack, string region, IReadOnlyCollection<SilentPoint> points, DateTimeOffset at)
    {
        var centre = new GeoPoint(points.Average(p => p.Location.Longitude), points.Average(p => p.Location.Latitude));
        var regions = pack.Regions.Locate(centre)?.Path ?? points.First().Regions;
        var since = points.Min(p => p.SilentSince);
        return new Observation(new EventKey(Source, $"{region}/{at:O}"), $"region:{region}", ObservationKind.Scenario, "silence", centre, at, regions,
            points.Count, Description: $"{points.Count} points of {region} silent, the first since {since:O}");
    }
}
