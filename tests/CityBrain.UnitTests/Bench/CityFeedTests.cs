using System.Text;
using System.Text.Json;
using CityBrain.Bench;
using CityBrain.Bench.Suite;
using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests.Bench;

public sealed class CityFeedTests
{
    private static readonly CityFeedWriter Writer = new(SuiteCity.Layout, SuiteCity.Seed);

    /// <summary>The host's own normaliser, a day after the feeds' times: what it refuses would be a dead letter.</summary>
    private static readonly EventNormalizer Normalizer = new(SuiteCity.Pack, new StoppedClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), Options.Create(new IngestOptions()));

    [Fact]
    public void The_same_seed_writes_the_same_feed_byte_for_byte()
    {
        var folder = SuiteCity.NewFolder();

        var first = Writer.Write(Path.Combine(folder, "a.ndjson"), FeedMix.City, 8_000);
        var second = new CityFeedWriter(SuiteCity.Layout, SuiteCity.Seed).Write(Path.Combine(folder, "b.ndjson"), FeedMix.City, 8_000);
        var other = new CityFeedWriter(SuiteCity.Layout, SuiteCity.Seed + 1).Write(Path.Combine(folder, "c.ndjson"), FeedMix.City, 8_000);

        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.NotEqual(File.ReadAllBytes(first.Path), File.ReadAllBytes(other.Path));
        Assert.Equal(first, second with { Path = first.Path });
    }

    [Fact]
    public void The_city_feed_is_85_percent_readings_13_detections_2_reports_with_a_few_crossings()
    {
        var feed = Writer.Write(Path.Combine(SuiteCity.NewFolder(), "city.ndjson"), FeedMix.City, 40_000);
        var events = Events(feed);

        Assert.Equal(40_000, feed.Events);
        Assert.Equal(feed.Events, events.Count);
        Assert.InRange(Share(events, FeedEventKind.Reading, FeedEventKind.Crossing), 0.84, 0.86);
        Assert.InRange(Share(events, FeedEventKind.Detection), 0.125, 0.135);
        Assert.InRange(Share(events, FeedEventKind.Report), 0.015, 0.021);
        Assert.InRange((double)feed.Crossings / feed.Readings, 0.001, 0.005);
        Assert.Equal(feed.Detections, events.Count(e => e.Kind == FeedEventKind.Detection));
        Assert.Equal(feed.Reports, events.Count(e => e.Kind == FeedEventKind.Report));
        // Most detections attach: a happening is seen 10 to 50 times, so a few percent open one.
        Assert.InRange((double)feed.Happenings / feed.Detections, 0.02, 0.05);
    }

    [Fact]
    public void Every_line_is_an_event_the_host_takes_with_its_number_and_ground_truth_in_the_id()
    {
        var feed = Writer.Write(Path.Combine(SuiteCity.NewFolder(), "city.ndjson"), FeedMix.City, 10_000);

        var n = 0L;
        foreach (var line in File.ReadLines(feed.Path))
        {
            var result = Normalizer.Normalize(Encoding.UTF8.GetBytes(line));
            Assert.True(result.Observation is not null, $"line {n} refused: {result.Error}: {line}");
            Assert.True(FeedEventId.TryParse(result.Observation!.Key.Id, out var number, out var kind, out var happening), result.Observation.Key.Id);
            Assert.Equal(n++, number);
            Assert.Equal(FeedEventId.Source, result.Observation.Key.Source);
            Assert.Equal(kind is FeedEventKind.Detection or FeedEventKind.Report, happening is not null);
            Assert.Equal(kind switch
            {
                FeedEventKind.Detection => ObservationKind.Detection,
                FeedEventKind.Report => ObservationKind.Report,
                _ => ObservationKind.Reading,
            }, result.Observation.Kind);
        }
    }

    [Fact]
    public void A_happening_is_one_category_seen_close_together_and_apart_from_every_other_of_its_time()
    {
        var feed = Writer.Write(Path.Combine(SuiteCity.NewFolder(), "city.ndjson"), FeedMix.City, 40_000);
        var observations = File.ReadLines(feed.Path).Select(l => Normalizer.Normalize(Encoding.UTF8.GetBytes(l)).Observation!).ToList();
        var happenings = observations
            .Select(o => (Observation: o, Happening: FeedEventId.TryParse(o.Key.Id, out _, out _, out var h) ? h : null))
            .Where(x => x.Happening is not null)
            .GroupBy(x => x.Happening!.Value, x => x.Observation)
            .ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (_, seen) in happenings)
        {
            var category = Assert.Single(seen.Select(o => o.Category).Distinct());
            var rule = SuiteCity.Pack.Correlation.For(category);
            Assert.All(seen, a => Assert.All(seen, b =>
            {
                Assert.True(a.Location.DistanceMetersTo(b.Location) <= rule.RadiusMeters / 4, $"{a.Key.Id} and {b.Key.Id} are {a.Location.DistanceMetersTo(b.Location)} m apart");
                Assert.True((a.ObservedAt - b.ObservedAt).Duration() <= rule.Window / 2);
            }));
        }

        // Two happenings at the same time are further apart than three radii and the report radius.
        var first = happenings.ToDictionary(h => h.Key, h => h.Value[0]);
        var window = CityFeedWriter.DetectionCategories.Max(c => SuiteCity.Pack.Correlation.For(c).Window);
        foreach (var a in first.Values)
        {
            foreach (var b in first.Values.Where(b => b != a && (a.ObservedAt - b.ObservedAt).Duration() < window))
            {
                Assert.True(a.Location.DistanceMetersTo(b.Location) > 3 * 200, $"{a.Key.Id} and {b.Key.Id}");
            }
        }
    }

    [Fact]
    public void The_opens_feed_is_detections_each_of_its_own_happening_and_the_readings_feed_only_normal_readings()
    {
        var opens = Writer.Write(Path.Combine(SuiteCity.NewFolder(), "opens.ndjson"), FeedMix.OpensOnly, 2_000);
        var readings = Writer.Write(Path.Combine(SuiteCity.NewFolder(), "readings.ndjson"), FeedMix.ReadingsOnly, 2_000);

        Assert.Equal((2_000, 2_000, 2_000), (opens.Events, opens.Detections, opens.Happenings));
        Assert.Equal(2_000, Events(opens).Select(e => e.Happening).Distinct().Count());
        Assert.Equal((2_000, 2_000, 0, 0), (readings.Events, readings.Readings, readings.Crossings, readings.Correlated));
        var truth = FeedTruth.Read([(readings, readings.Events)], builtInsLive: true);
        Assert.Empty(truth.Firings);
        Assert.Equal(2_000, truth.EventsPerPoint.Values.Sum());
    }

    [Fact]
    public void A_storm_is_one_happening_at_a_storm_site_whose_numbers_and_times_go_on_from_the_preload()
    {
        var folder = SuiteCity.NewFolder();
        var site = SuiteCity.Layout.StormSites[1];

        var preload = Writer.Storm(Path.Combine(folder, "preload.ndjson"), site, happening: 1, firstNumber: 0, count: 1_000);
        var batch = Writer.Storm(Path.Combine(folder, "batch.ndjson"), site, happening: 1, firstNumber: 1_000, count: 500);

        var observations = File.ReadLines(preload.Path).Concat(File.ReadLines(batch.Path)).Select(l => Normalizer.Normalize(Encoding.UTF8.GetBytes(l)).Observation!).ToList();
        Assert.Equal(1_500, observations.Select(o => o.Key.Id).Distinct().Count());
        Assert.All(observations, o => Assert.Contains(o.PointId, site.Cameras));
        Assert.All(observations, o => Assert.True(o.Location.DistanceMetersTo(site.Centre) <= 20));
        Assert.All(observations, o => Assert.True(o.Confidence < FeedTruth.SmokeScenarioConfidence));
        Assert.Equal(observations.Select(o => o.ObservedAt).Order(), observations.Select(o => o.ObservedAt));
        Assert.Equal(1_000, batch.FirstNumber);
        Assert.Equal(1_000, Events(batch).First().Number);
    }

    [Fact]
    public void The_floor_is_refused_for_its_type_and_the_start_feed_is_one_reading_from_every_point()
    {
        var floor = Writer.Floor(Path.Combine(SuiteCity.NewFolder(), "floor.ndjson"), 500);
        var start = Writer.Start(Path.Combine(SuiteCity.NewFolder(), "start.ndjson"));

        Assert.All(File.ReadLines(floor.Path), l => Assert.Equal("type", Normalizer.Normalize(Encoding.UTF8.GetBytes(l)).Error?.Field));
        Assert.Equal(500, floor.Unknown);
        var subjects = File.ReadLines(start.Path).Select(l => Normalizer.Normalize(Encoding.UTF8.GetBytes(l)).Observation!.PointId).ToList();
        Assert.Equal(SuiteCity.Layout.Points.Select(p => p.Id).Order(), subjects.Order());
    }

    [Fact]
    public void The_truth_expects_the_built_in_firings_only_when_they_run()
    {
        var folder = SuiteCity.NewFolder();
        var feed = Path.Combine(folder, "f.ndjson");
        File.WriteAllLines(feed,
        [
            Line("s0-d-h0", "city.camera.detection", "CD-CAM-000001", """{"category":"smoke_fire","confidence":0.8}"""),
            Line("s1-d-h0", "city.camera.detection", "CD-CAM-000001", """{"category":"smoke_fire","confidence":0.79}"""),
            Line("s2-x", "city.sensor.reading", "CD-SEN-000001", """{"metric":"manhole_tilt_deg","value":20.5}"""),
            Line("s3-x", "city.sensor.reading", "CD-SEN-000002", """{"metric":"noise_db","value":80}"""),
            Line("s4-r-h0", "city.report", "12345-seat-01", """{"category":"smoke_fire"}"""),
            Line("s5-u", CityFeedWriter.UnknownType, "CD-SEN-000003", """{"metric":"pm25","value":10}"""),
        ]);
        var file = new FeedFile(feed, 0, 6, 2, 1, 2, 2, 1, 1);

        var live = FeedTruth.Read([(file, 6)], builtInsLive: true);
        var off = FeedTruth.Read([(file, 6)], builtInsLive: false);

        Assert.Equal(["s0-d-h0", "s2-x"], live.Firings.Keys.Order());
        Assert.Equal(0, live.Firings["s0-d-h0"]);
        Assert.Null(live.Firings["s2-x"]);
        Assert.Empty(off.Firings);
        Assert.Equal(["s0-d-h0", "s1-d-h0", "s4-r-h0"], live.HappeningOf.Keys.Order());
        Assert.Equal(1, live.Unknown);
        Assert.Equal(2, live.EventsPerPoint["CD-CAM-000001"]);
    }

    private static string Line(string id, string type, string subject, string data) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"{{FeedEventId.Source}}","type":"{{type}}","subject":"{{subject}}","time":"2026-01-05T00:00:00Z","data":{{data}}}""";

    private static List<(long Number, FeedEventKind Kind, int? Happening)> Events(FeedFile feed) =>
        FeedReader.Read(feed.Path).Select(e => FeedEventId.TryParse(e.Key!.Value.Id, out var n, out var k, out var h) ? (n, k, h) : throw new InvalidOperationException(e.Key.Value.Id)).ToList();

    private static double Share(List<(long Number, FeedEventKind Kind, int? Happening)> events, params FeedEventKind[] kinds) =>
        (double)events.Count(e => kinds.Contains(e.Kind)) / events.Count;
}
