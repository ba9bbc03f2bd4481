using System.Text;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Spatial;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests;

public sealed class EventNormalizerTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());
    private static readonly Lazy<CityPack> Chengdu = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));

    private const string Detection = """
        {"specversion":"1.0","id":"e1","source":"vca","type":"city.camera.detection","subject":"cam-a","time":"2026-11-23T08:00:00+01:00",
         "data":{"category":"Smoke_Fire","confidence":0.9,"lon":10.01,"lat":50.01}}
        """;

    /// <summary>The normaliser's clock in these tests: an hour after the templates' time.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static EventNormalizer Normalizer(CityPack? pack = null, IngestOptions? options = null) =>
        new(pack ?? Twin, new StoppedClock(Now), Options.Create(options ?? new IngestOptions()));

    private static NormalizeResult Normalize(string json, CityPack? pack = null) => Normalizer(pack).Normalize(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Valid_detection_becomes_a_located_observation()
    {
        var o = Normalize(Detection).Observation!;
        Assert.Equal(new EventKey("vca", "e1"), o.Key);
        Assert.Equal("cam-a", o.PointId);
        Assert.Equal(ObservationKind.Detection, o.Kind);
        Assert.Equal("smoke_fire", o.Category);
        // The confidence has its own field: Value is a sensor's measurement only. Evidence still shows it as value.
        Assert.Equal(0.9, o.Confidence);
        Assert.Null(o.Value);
        Assert.Null(o.Metric);
        Assert.Equal(0.9, o.ValueOrConfidence);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), o.ObservedAt);
        Assert.Equal(["T", "A"], o.Regions.Codes[..2]);
    }

    [Fact]
    public void Sensor_reading_keeps_metric_value_and_unit()
    {
        var o = Normalize("""
            {"specversion":"1.0","id":"r1","source":"iot","type":"city.sensor.reading","subject":"s1","time":"2026-11-23T08:00:00Z",
             "data":{"metric":"water_level_cm","value":23.5,"unit":"cm","lon":10.03,"lat":50.01}}
            """).Observation!;
        Assert.Equal(("water_level_cm", 23.5, "cm"), (o.Category, o.Value!.Value, o.Unit));
        Assert.Equal("water_level_cm", o.Metric);
        Assert.Null(o.Confidence);
        Assert.False(o.OpensIncidents);
    }

    [Theory]
    [InlineData("\"present\":false", false)]
    [InlineData("\"present\":true", true)]
    public void Recheck_keeps_whether_the_thing_is_still_present_and_goes_to_its_cell(string present, bool expected)
    {
        var o = Normalize(Detection.Replace("city.camera.detection", "city.camera.recheck").Replace("\"confidence\":0.9", present)).Observation!;
        Assert.Equal((ObservationKind.Recheck, "smoke_fire", expected), (o.Kind, o.Category, o.StillPresent));
        Assert.False(o.OpensIncidents);
        Assert.True(o.GoesToCell);
    }

    [Theory]
    [InlineData("\"confidence\":0.9", "data.present")]
    [InlineData("\"present\":\"no\"", "data.present")]
    public void Recheck_without_a_boolean_present_is_refused_naming_it(string replacement, string field)
    {
        var json = Detection.Replace("city.camera.detection", "city.camera.recheck").Replace("\"confidence\":0.9", replacement);
        Assert.Equal(field, Normalize(json).Error!.Field);
    }

    [Theory]
    [InlineData("\"specversion\":\"1.0\",", "", "specversion")]
    [InlineData("\"id\":\"e1\",", "", "id")]
    [InlineData("\"source\":\"vca\",", "", "source")]
    [InlineData("city.camera.detection", "city.camera.unknown", "type")]
    [InlineData("\"subject\":\"cam-a\",", "", "subject")]
    [InlineData("2026-11-23T08:00:00+01:00", "yesterday", "time")]
    [InlineData("\"category\":\"Smoke_Fire\",", "", "data.category")]
    [InlineData("\"confidence\":0.9", "\"confidence\":1.5", "data.confidence")]
    [InlineData("\"lon\":10.01,", "", "data.lon")]
    [InlineData("\"lat\":50.01", "\"lat\":\"50.01\"", "data.lat")]
    [InlineData("\"lon\":10.01", "\"lon\":190", "data.lon")]
    [InlineData("\"lat\":50.01", "\"lat\":-91", "data.lat")]
    [InlineData("\"lat\":50.01", "\"lat\":50.01,\"crs\":\"mars\"", "data.crs")]
    public void Invalid_event_is_refused_naming_the_field(string find, string replace, string field)
    {
        var result = Normalize(Detection.Replace(find, replace));
        Assert.Null(result.Observation);
        Assert.Equal(field, result.Error!.Field);
    }

    [Fact]
    public void Not_json_is_refused_as_a_whole() => Assert.Equal("$", Normalize("{not json").Error!.Field);

    [Fact]
    public void Event_far_outside_the_city_is_refused_with_where_it_is()
    {
        var result = Normalize(Detection.Replace("\"lon\":10.01", "\"lon\":12.5"));
        Assert.Equal("data.lon", result.Error!.Field);
        Assert.Contains("outside every region", result.Error.Reason);
        Assert.Equal("e1", result.EventId);
    }

    [Fact]
    public void Gcj02_event_in_Chengdu_is_converted_and_lands_in_Jinjiang()
    {
        var json = """
            {"specversion":"1.0","id":"f1","source":"amap","type":"city.camera.detection","subject":"c1","time":"2026-11-23T08:00:00+08:00",
             "data":{"category":"smoke_fire","confidence":0.93,"lon":104.080989,"lat":30.657689,"crs":"gcj02"}}
            """;
        var o = Normalize(json, Chengdu.Value).Observation!;
        Assert.Equal("510104", o.Regions.Codes[1]);
        var expected = CrsConverter.Gcj02ToWgs84(new GeoPoint(104.080989, 30.657689));
        Assert.True(o.Location.DistanceMetersTo(expected) < 0.01);
    }

    [Fact]
    public void Event_without_crs_takes_the_packs_default_event_crs()
    {
        var json = """
            {"specversion":"1.0","id":"f2","source":"amap","type":"city.report","subject":"12345","time":"2026-11-23T08:00:00+08:00",
             "data":{"category":"garbage_overflow","description":"bins full","lon":104.080989,"lat":30.657689}}
            """;
        var o = Normalize(json, Chengdu.Value).Observation!;
        Assert.True(o.Location.DistanceMetersTo(CrsConverter.Gcj02ToWgs84(new GeoPoint(104.080989, 30.657689))) < 0.01);
        Assert.Equal("bins full", o.Description);
    }
}
