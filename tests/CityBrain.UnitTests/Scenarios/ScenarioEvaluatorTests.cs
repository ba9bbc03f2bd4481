using CityBrain.Events;
using CityBrain.Scenarios;

namespace CityBrain.UnitTests.Scenarios;

/// <summary>The building blocks of declarative scenarios, one at a time.</summary>
public sealed class ScenarioEvaluatorTests
{
    private static ScenarioRun Run(string when, string? scope = null) => new(null, ScenarioRun.FromJson(
        """{"id":"probe","name":"probe",""" + (scope is null ? "" : $"\"scope\":{scope},") + "\"when\":" + when + ""","then":{"open":{"category":"probe"}}}"""));

    [Fact]
    public void Sequence_fires_only_when_its_steps_come_in_order_within_the_radius_and_window()
    {
        const string When = """{"sequence":{"of":[{"detection":"door_open"},{"detection":"person"},{"detection":"smoke_fire"}],"radiusMeters":100,"withinMinutes":10}}""";
        var inOrder = Run(When);
        Assert.Equal(1, inOrder.FiringsOf(inOrder.Detection("c1", 0, "door_open"), inOrder.Detection("c1", 2, "person"), inOrder.Detection("c2", 3, "smoke_fire", eastMeters: 50)));

        var outOfOrder = Run(When);
        Assert.Equal(0, outOfOrder.FiringsOf(outOfOrder.Detection("c1", 0, "person"), outOfOrder.Detection("c1", 2, "door_open"), outOfOrder.Detection("c1", 3, "smoke_fire")));

        var tooLong = Run(When);
        Assert.Equal(0, tooLong.FiringsOf(tooLong.Detection("c1", 0, "door_open"), tooLong.Detection("c1", 8, "person"), tooLong.Detection("c1", 11, "smoke_fire")));
    }

    [Fact]
    public void A_sequence_step_needs_an_observation_of_its_own()
    {
        var run = Run("""{"sequence":{"of":[{"detection":"crowd"},{"detection":"crowd"}],"radiusMeters":100,"withinMinutes":10}}""");
        Assert.Equal(0, run.FiringsOf(run.Detection("c1", 0, "crowd")));
        Assert.Equal(1, run.FiringsOf(run.Detection("c1", 1, "crowd")));
    }

    [Fact]
    public void Scope_limits_triggers_to_the_listed_regions()
    {
        var run = Run("""{"detection":"crowd"}""", scope: $"{{\"regions\":[\"{TestPacks.DistrictA}\"]}}");
        // Here is in district B; 2 km west is district A.
        Assert.Equal(0, run.FiringsOf(run.Detection("c1", 0, "crowd")));
        Assert.Equal(1, run.FiringsOf(run.Detection("c2", 0, "crowd", eastMeters: -1500)));
    }

    [Fact]
    public void Polygon_and_distance_filters_take_only_observations_inside()
    {
        var here = ScenarioRun.Here;
        var square = $$"""{"type":"Polygon","coordinates":[[[{{here.Longitude - 0.001}},{{here.Latitude - 0.001}}],[{{here.Longitude + 0.001}},{{here.Latitude - 0.001}}],[{{here.Longitude + 0.001}},{{here.Latitude + 0.001}}],[{{here.Longitude - 0.001}},{{here.Latitude + 0.001}}],[{{here.Longitude - 0.001}},{{here.Latitude - 0.001}}]]]}""";
        var inPolygon = Run($$$"""{"detection":"crowd","where":{"polygon":{{{square}}}}}""");
        Assert.Equal(1, inPolygon.FiringsOf(inPolygon.Detection("c1", 0, "crowd", eastMeters: 50)));
        Assert.Equal(0, inPolygon.FiringsOf(inPolygon.Detection("c1", 1, "crowd", eastMeters: 100)));

        // A road running north-south through Here: 30 m either side.
        var road = $$"""{"type":"LineString","coordinates":[[{{here.Longitude}},{{here.Latitude - 0.01}}],[{{here.Longitude}},{{here.Latitude + 0.01}}]]}""";
        var nearRoad = Run("""{"detection":"illegal_parking","where":{"near":{"geometry":""" + road + ""","meters":30}}}""");
        Assert.Equal(1, nearRoad.FiringsOf(nearRoad.Detection("c1", 0, "illegal_parking", eastMeters: 28, northMeters: 400)));
        Assert.Equal(0, nearRoad.FiringsOf(nearRoad.Detection("c1", 1, "illegal_parking", eastMeters: 33, northMeters: -300)));
    }

    [Fact]
    public void Rate_of_change_compares_a_reading_with_its_points_previous_one()
    {
        var run = Run("""{"reading":"water_level_cm","ratePerMinute":{"atLeast":2}}""");
        Assert.Equal(0, run.FiringsOf(run.Reading("s1", 0, "water_level_cm", 10), run.Reading("s2", 1, "water_level_cm", 40), run.Reading("s1", 5, "water_level_cm", 15)));
        Assert.Equal(1, run.FiringsOf(run.Reading("s1", 7, "water_level_cm", 19)));
    }

    [Fact]
    public void Days_of_week_are_the_citys_local_days()
    {
        var run = Run("""{"detection":"street_vending","days":["sat","sun"]}""");
        // 2026-11-23 is a Monday; the twin pack's city keeps Europe/Berlin time.
        Assert.Equal(0, run.FiringsOf(run.Detection("c1", 0, "street_vending")));
        Assert.Equal(1, run.FiringsOf(run.Detection("c1", -60 * 24, "street_vending")));
    }

    [Fact]
    public void Count_of_distinct_points_ignores_a_point_that_repeats_itself()
    {
        var run = Run("""{"count":{"of":{"report":"noise"},"atLeast":3,"withinMinutes":60,"radiusMeters":300,"distinctPoints":true}}""");
        Assert.Equal(0, run.FiringsOf(run.Report("caller-1", 0, "noise"), run.Report("caller-1", 5, "noise"), run.Report("caller-2", 10, "noise")));
        Assert.Equal(1, run.FiringsOf(run.Report("caller-3", 20, "noise", northMeters: 200)));
    }

    [Fact]
    public void A_shared_observation_from_a_neighbouring_cell_counts_in_this_cells_windows()
    {
        var catalog = new ScenarioCatalog([ScenarioRun.BuiltIn("crowd-gathering")], revision: 1);
        var run = new ScenarioRun(null, ScenarioRun.BuiltIn("crowd-gathering"));
        var neighbour = new ScenarioWindows();
        var mine = new ScenarioWindows();
        var evaluator = new ScenarioEvaluator(ScenarioRun.Twin.TimeZone);
        var firings = new List<ScenarioFiring>();

        var shared = evaluator.Evaluate(catalog, neighbour, run.Detection("c1", 0, "crowd", eastMeters: -150), firings);
        Assert.NotNull(shared);
        ScenarioEvaluator.RememberShared(catalog, mine, shared.Value);
        ScenarioEvaluator.RememberShared(catalog, mine, shared.Value);
        evaluator.Evaluate(catalog, mine, run.Detection("c2", 1, "crowd"), firings);
        evaluator.Evaluate(catalog, mine, run.Detection("c3", 2, "crowd", northMeters: 20), firings);

        Assert.Equal(3, Assert.Single(firings).Supporting);
    }

    [Fact]
    public void Observations_no_scenario_watches_are_neither_kept_nor_evaluated()
    {
        var catalog = new ScenarioCatalog([ScenarioRun.BuiltIn("crowd-gathering"), ScenarioRun.BuiltIn("smoke-fire")], revision: 1);
        var windows = new ScenarioWindows();
        var run = new ScenarioRun(null);
        var firings = new List<ScenarioFiring>();
        var evaluator = new ScenarioEvaluator(ScenarioRun.Twin.TimeZone);

        Assert.False(catalog.Watches(ObservationKind.Detection, "garbage_overflow"));
        Assert.Null(evaluator.Evaluate(catalog, windows, run.Detection("c1", 0, "garbage_overflow"), firings));
        // A trigger at the root (smoke) is evaluated but not kept: no count or group looks back for it.
        Assert.Null(evaluator.Evaluate(catalog, windows, run.Detection("c1", 0, "smoke_fire"), firings));
        Assert.Equal((0, 1), (windows.RememberedCount, firings.Count));
        Assert.Equal(200, catalog.ReachMeters(ObservationKind.Detection, "crowd"));
    }

    [Fact]
    public void Windows_forget_what_no_scenario_looks_back_to_and_keep_at_most_their_capacity()
    {
        var catalog = new ScenarioCatalog([ScenarioRun.BuiltIn("crowd-gathering")], revision: 1);
        var windows = new ScenarioWindows(capacity: 5);
        var run = new ScenarioRun(null);
        var evaluator = new ScenarioEvaluator(ScenarioRun.Twin.TimeZone);
        var firings = new List<ScenarioFiring>();
        for (var minute = 0; minute < 8; minute++) evaluator.Evaluate(catalog, windows, run.Detection($"c{minute}", minute * 0.1, "crowd", eastMeters: 80 * minute), firings);
        Assert.Equal(5, windows.RememberedCount);

        evaluator.Evaluate(catalog, windows, run.Detection("late", 30, "crowd"), firings);
        Assert.Equal(1, windows.RememberedCount);
    }

    [Fact]
    public void A_new_catalog_revision_starts_sustained_runs_afresh()
    {
        var definition = ScenarioRun.BuiltIn("illegal-parking");
        var run = new ScenarioRun(null);
        var windows = new ScenarioWindows();
        var evaluator = new ScenarioEvaluator(ScenarioRun.Twin.TimeZone);
        var firings = new List<ScenarioFiring>();
        var first = new ScenarioCatalog([definition], revision: 1);
        var second = new ScenarioCatalog([definition with { Version = 2 }], revision: 2);

        foreach (var minute in new[] { 0, 3, 6 }) evaluator.Evaluate(first, windows, run.Detection("cam-1", minute, "illegal_parking"), firings);
        foreach (var minute in new[] { 9, 12 }) evaluator.Evaluate(second, windows, run.Detection("cam-1", minute, "illegal_parking"), firings);
        Assert.Empty(firings);
        evaluator.Evaluate(second, windows, run.Detection("cam-1", 19, "illegal_parking"), firings);
        Assert.Empty(firings);
    }

    [Fact]
    public void Disabled_scenarios_are_left_out_of_the_catalog() =>
        Assert.Empty(new ScenarioCatalog([ScenarioRun.BuiltIn("smoke-fire") with { Enabled = false }], revision: 1).Scenarios);
}
