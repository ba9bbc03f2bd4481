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
