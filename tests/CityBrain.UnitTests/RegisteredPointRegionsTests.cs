using System.Text;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Spatial;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests;

/// <summary>
/// An event at exactly its registered point's place takes the point's regions, found when the pack loaded, instead
/// of being located again (a point just outside every polygon paid a snap on every event). Anything else is
/// located afresh.
/// </summary>
public sealed class RegisteredPointRegionsTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());
    private static readonly Lazy<CityPack> Chengdu = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    // cam-a is registered at (10.01, 50.01), in district A. The twin below records district B for it instead, which
    // no lookup of that place can give: an event that gets B was not located again.
    private static readonly RegionPath Marked = new(["T", "B", "B-MARK"]);
    private static readonly CityPack Marker = WithPoints(Twin, new RegisteredPoint("cam-a", "camera", null, new GeoPoint(10.01, 50.01), Marked));

    [Fact]
    public void Every_registered_point_of_Chengdu_has_the_regions_a_fresh_lookup_of_its_place_gives()
    {
        var pack = Chengdu.Value;
        Assert.NotEmpty(pack.Points);
        Assert.All(pack.Points.Values, p => Assert.Equal(pack.Regions.Locate(p.Location)!.Path, p.Regions));
    }

    [Fact]
    public void A_location_that_is_the_registered_place_takes_the_registered_regions()
    {
        Assert.Equal(Marked, Marker.RegionsOf("cam-a", new GeoPoint(10.01, 50.01)));
    }

    [Fact]
    public void A_location_a_hair_away_from_the_registered_place_is_located_afresh()
    {
        var near = new GeoPoint(10.01, Math.BitIncrement(50.01));

        Assert.Equal(Twin.Regions.Locate(near)!.Path, Marker.RegionsOf("cam-a", near));
        Assert.Equal("A", Marker.RegionsOf("cam-a", near)!.Codes[1]);
    }

    [Fact]
    public void Another_point_at_the_same_place_is_located_afresh()
    {
        Assert.Equal(Twin.Regions.Locate(new GeoPoint(10.01, 50.01))!.Path, Marker.RegionsOf("cam-z", new GeoPoint(10.01, 50.01)));
    }

    [Fact]
    public void A_place_outside_the_city_is_nowhere_for_an_unregistered_point()
    {
        Assert.Null(Marker.RegionsOf("cam-z", new GeoPoint(11, 51)));
    }

    [Fact]
    public void A_registered_point_outside_every_polygon_keeps_the_unit_it_was_snapped_to()
    {
        // 300 m east of the city: snapped to a grid square of B when the pack loaded, and every event there takes it.
        var outside = TestPacks.Offset(10.04, 50.01, 300, 0);
        var snapped = Twin.Regions.Locate(outside)!;
        Assert.NotNull(snapped.SnappedMeters);
        var pack = WithPoints(Twin, new RegisteredPoint("sen-out", "sensor", null, outside, snapped.Path));

        Assert.Equal(snapped.Path, pack.RegionsOf("sen-out", outside));
    }

    [Fact]
    public void The_normaliser_takes_the_registered_regions_of_an_event_sent_at_its_point()
    {
        var observation = Normalize(Marker, "cam-a", 10.01, 50.01, crs: "wgs84");

        Assert.Equal(Marked, observation.Regions);
        Assert.Equal(new GeoPoint(10.01, 50.01), observation.Location);
    }

    [Fact]
    public void The_normaliser_locates_an_event_whose_location_differs_from_its_registered_point()
    {
        // A camera reports what it sees 150 m east of itself: the event is located where the thing is.
        var seen = TestPacks.Offset(10.01, 50.01, 150, 0);
        var observation = Normalize(Marker, "cam-a", seen.Longitude, seen.Latitude, crs: "wgs84");

        Assert.Equal(Twin.Regions.Locate(seen)!.Path, observation.Regions);
        Assert.Equal("A", observation.Regions.Codes[1]);
    }

    [Fact]
    public void The_registered_numbers_in_the_registry_CRS_take_the_registered_regions_and_in_another_CRS_are_located_afresh()
    {
        // Chengdu registers its points in GCJ-02 (CD-CAM-0001 at 103.980104, 30.69181). The same numbers sent as
        // WGS84 are a place a few hundred metres away, which must be located for itself.
        var registered = Chengdu.Value.Points["CD-CAM-0001"];
        var marked = new RegionPath([.. registered.Regions.Codes[..^1], "MARK"]);
        var pack = WithPoints(Chengdu.Value, registered with { Regions = marked });

        var asRegistered = Normalize(pack, "CD-CAM-0001", 103.980104, 30.69181, crs: "gcj02");
        var asWgs84 = Normalize(pack, "CD-CAM-0001", 103.980104, 30.69181, crs: "wgs84");

        Assert.Equal(registered.Location, asRegistered.Location);
        Assert.Equal(marked, asRegistered.Regions);
        Assert.NotEqual(registered.Location, asWgs84.Location);
        Assert.Equal(Chengdu.Value.Regions.Locate(asWgs84.Location)!.Path, asWgs84.Regions);
    }

    private static Observation Normalize(CityPack pack, string subject, double lon, double lat, string crs)
    {
        var json = FormattableString.Invariant($$$"""
            {"specversion":"1.0","id":"r1","source":"iot","type":"city.sensor.reading","subject":"{{{subject}}}","time":"2026-11-23T08:00:00Z","data":{"metric":"water_level_cm","value":2,"lon":{{{lon:R}}},"lat":{{{lat:R}}},"crs":"{{{crs}}}"}}
            """);
        var result = new EventNormalizer(pack, new StoppedClock(Now), Options.Create(new IngestOptions())).Normalize(Encoding.UTF8.GetBytes(json));
        Assert.True(result.Observation is not null, result.Error?.ToString());
        return result.Observation;
    }

    private static CityPack WithPoints(CityPack pack, params RegisteredPoint[] points) => new()
    {
        Name = pack.Name,
        Folder = pack.Folder,
        TimeZone = pack.TimeZone,
        Regions = pack.Regions,
        Points = points.ToDictionary(p => p.Id, StringComparer.Ordinal),
        Correlation = pack.Correlation,
        Cells = pack.Cells,
        SourceCrs = pack.SourceCrs,
        DefaultEventCrs = pack.DefaultEventCrs,
        Routing = pack.Routing,
        Sla = pack.Sla,
    };
}
