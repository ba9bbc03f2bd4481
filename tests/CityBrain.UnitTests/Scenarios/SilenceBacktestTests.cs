using System.Text;
using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests.Scenarios;

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
