using System.Text;
using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests.Scenarios;

public sealed class ScenarioBacktestTests
{
    private static readonly Lazy<CityPack> Chengdu = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));

    private static List<Observation> Recording()
    {
        var normalizer = new EventNormalizer(Chengdu.Value, TimeProvider.System, Options.Create(new IngestOptions()));
        return File.ReadLines(RepoPaths.TestData("waterlogging-jinjiang.ndjson"))
            .Select(line => normalizer.Normalize(Encoding.UTF8.GetBytes(line)).Observation)
            .OfType<Observation>().ToList();
    }

    private static ScenarioDefinition BuiltIn(string id) =>
        new ScenarioParser(Chengdu.Value).Parse(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, $"{id}.json")), version: 4);

    [Fact]
    public void Waterlogging_over_the_recording_opens_two_incidents_one_of_which_a_second_firing_joins()
    {
        var report = new ScenarioBacktest(Chengdu.Value).Run([BuiltIn("waterlogging") with { Enabled = false }], Recording());

        Assert.Equal(15, report.Observations);
        Assert.Equal(new BacktestScenarioSummary("waterlogging", 4, 3, 2, 1, 0), Assert.Single(report.Scenarios));
        Assert.Equal([2, 1], report.Incidents.Select(i => i.Evidence));
        Assert.All(report.Incidents, i => Assert.Equal(("waterlogging", 4, "waterlogging"), (i.ScenarioId, i.Version, i.Category)));
        Assert.Equal([10.0, 28.0], report.Incidents.Select(i => (i.OpenedAt - report.From!.Value).TotalMinutes));
    }

    [Fact]
    public void A_backtest_stopped_by_its_budget_reports_what_it_evaluated_and_says_it_is_incomplete()
    {
        var recording = Recording();
        using var stop = new CancellationTokenSource();
        var seen = 0;
        // The budget runs out after the fifth observation is handed over: the run stops before evaluating the sixth.
        var report = new ScenarioBacktest(Chengdu.Value).Run([BuiltIn("waterlogging")], recording.Select(o =>
        {
            if (++seen == 6) stop.Cancel();
            return o;
        }), stop.Token);
        Assert.False(report.Complete);
        Assert.Equal(5, report.Observations);
        Assert.True(new ScenarioBacktest(Chengdu.Value).Run([BuiltIn("waterlogging")], recording).Complete);
    }

    [Fact]
    public void Incidents_opened_by_observations_themselves_are_placed_but_not_reported_as_the_scenarios()
    {
        // Waterlogging detections are not taken over when only crowd-gathering runs: they open incidents themselves,
        // and none of them is the scenario's.
        var report = new ScenarioBacktest(Chengdu.Value).Run([BuiltIn("crowd-gathering")], Recording());
        Assert.Empty(report.Incidents);
        Assert.Equal(0, Assert.Single(report.Scenarios).Firings);
    }
}

public sealed class SilenceBacktestTests
{
    private static ScenarioDefinition Silence(int atLeast) => ScenarioRun.FromJson("""
        {"id":"quiet","name":"sensors silent","when":{"silence":{"kinds":["sensor"],"forMinutes":15,"atLeast":AT_LEAST,"regionLevel":"district"}},
         "then":{"open":{"category":"points_offline"}}}
        """.Replace("AT_LEAST", atLeast.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Sensors_silent_for_the_scenarios_time_fire_once_when_virtual_time_passes_it_and_again_after_they_came_back()
    {
        var run = new ScenarioRun(null);
        var feed = new List<Events.Observation>
        {
            run.Reading("s1", 0, "humidity_percent", 40), run.Reading("s2", 1, "humidity_percent", 40), run.Reading("s3", 2, "humidity_percent", 40),
            // Time passes, told by another district's sensor: s1..s3 fall silent at 15, 16 and 17 minutes.
            run.Reading("far", 20, "humidity_percent", 40, eastMeters: -1500),
            run.Reading("far", 25, "humidity_percent", 40, eastMeters: -1500),
            // s3 is heard again: the outage is over; it falls silent again 15 minutes later.
            run.Reading("s3", 30, "humidity_percent", 40),
            run.Reading("far", 50, "humidity_percent", 40, eastMeters: -1500),
        };

        var report = new ScenarioBacktest(ScenarioRun.Twin).Run([Silence(3)], feed);

        var summary = Assert.Single(report.Scenarios);
        Assert.Equal(2, summary.Firings);
        Assert.Equal([17.0, 45.0], report.Incidents.Select(i => (i.OpenedAt - ScenarioRun.T0).TotalMinutes));
        Assert.All(report.Incidents, i => Assert.Equal(TestPacks.DistrictB, i.Regions.Codes[1]));
    }

    [Fact]
    public void Fewer_silent_sensors_than_the_threshold_fire_nothing()
    {
        var run = new ScenarioRun(null);
        var report = new ScenarioBacktest(ScenarioRun.Twin).Run([Silence(4)],
            [run.Reading("s1", 0, "humidity_percent", 40), run.Reading("s2", 1, "humidity_percent", 40), run.Reading("s3", 2, "humidity_percent", 40), run.Reading("far", 60, "humidity_percent", 40, eastMeters: -1500)]);
        Assert.Empty(report.Incidents);
    }
}
