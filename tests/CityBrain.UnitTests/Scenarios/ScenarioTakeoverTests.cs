using CityBrain.Events;
using CityBrain.Packs;
using CityBrain.Scenarios;

namespace CityBrain.UnitTests.Scenarios;

/// <summary>A scenario takes a category's opening away from its detections only when its definition says so, and never an always-opening one.</summary>
public sealed class ScenarioTakeoverTests
{
    private static readonly Lazy<CityPack> Chengdu = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));

    private static string Crowd(string open) => """
        {"id":"crowds","name":"n","when":{"count":{"of":{"detection":"crowd"},"atLeast":3,"withinMinutes":10,"radiusMeters":200}},"then":{"open":OPEN}}
        """.Replace("OPEN", open);

    [Fact]
    public void A_live_scenario_that_only_watches_a_category_leaves_its_detections_to_open_incidents()
    {
        var catalog = new ScenarioCatalog([ScenarioRun.FromJson(Crowd("""{"category":"crowd"}"""))], revision: 1);
        Assert.True(catalog.Watches(ObservationKind.Detection, "crowd"));
        Assert.False(catalog.TakesOver(ObservationKind.Detection, "crowd"));
        Assert.Empty(catalog.TakenOver);
    }

    [Fact]
    public void A_live_scenario_that_says_takesOverOpening_holds_the_detection_categories_it_watches_and_the_catalog_names_it()
    {
        var definition = ScenarioRun.FromJson(Crowd("""{"category":"crowd","takesOverOpening":true}"""));
        var catalog = new ScenarioCatalog([definition], revision: 1);
        Assert.True(catalog.TakesOver(ObservationKind.Detection, "crowd"));
        Assert.False(catalog.TakesOver(ObservationKind.Report, "crowd"));
        Assert.Equal("crowds", Assert.Single(catalog.TakenOver["crowd"]).Id);

        var shadow = new ScenarioCatalog([definition with { Mode = ScenarioMode.Shadow }], revision: 2);
        Assert.False(shadow.TakesOver(ObservationKind.Detection, "crowd"));
    }

    [Fact]
    public void Taking_over_a_category_the_pack_marks_always_open_is_refused_naming_the_field_and_the_category()
    {
        Assert.Contains("smoke_fire", Chengdu.Value.Correlation.AlwaysOpen);
        var error = Assert.Throws<ScenarioDefinitionException>(() => new ScenarioParser(Chengdu.Value).Parse("""
            {"id":"fire","name":"n","when":{"detection":"Smoke Fire","confidence":{"atLeast":0.9}},"then":{"open":{"category":"smoke_fire","takesOverOpening":true}}}
            """, version: 1));
        var refusal = Assert.Single(error.Errors);
        Assert.Equal("$.then.open.takesOverOpening", refusal.Path);
        Assert.Contains("'smoke_fire' always opens", refusal.Reason);

        // Watching it without taking it over is fine: its firing joins the incident the detection opens.
        Assert.Empty(new ScenarioParser(Chengdu.Value).Parse("""
            {"id":"fire","name":"n","when":{"detection":"smoke_fire","confidence":{"atLeast":0.9}},"then":{"open":{"category":"smoke_fire"}}}
            """, version: 1).TakenOverCategories);
    }

    private static string TwinWithAlwaysOpen(string names)
    {
        var folder = TestPacks.Twin();
        var file = Path.Combine(folder, "citypack.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"snapToleranceMeters\": 1000,", $"\"snapToleranceMeters\": 1000, \"alwaysOpen\": [{names}],"));
        return folder;
    }

    [Fact]
    public void A_packs_always_open_categories_take_the_normal_form_and_a_name_without_letters_stops_the_load_naming_its_index()
    {
        Assert.Equal(["smoke_fire"], CityPackLoader.Load(TwinWithAlwaysOpen("\"Smoke - Fire\", \"smoke_fire\"")).Correlation.AlwaysOpen);
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(TwinWithAlwaysOpen("\"smoke_fire\", \"--\"")));
        Assert.Contains("correlation.alwaysOpen[1]", error.Message);
    }

    [Fact]
    public void Taking_over_with_no_detection_in_the_condition_is_refused()
    {
        var error = Assert.Throws<ScenarioDefinitionException>(() => ScenarioRun.FromJson("""
            {"id":"tilt","name":"n","when":{"reading":"tilt","value":{"above":15}},"then":{"open":{"category":"manhole","takesOverOpening":true}}}
            """));
        Assert.Contains(error.Errors, e => e.Path == "$.then.open.takesOverOpening" && e.Reason.Contains("no camera detection", StringComparison.Ordinal));
    }

    [Fact]
    public void Categories_and_metrics_in_a_definition_take_the_normal_form_of_category_keys()
    {
        var definition = ScenarioRun.FromJson("""
            {"id":"noise","name":"n","when":{"all":{"of":[{"report":"Noise - Residential"},{"reading":" Noise.dB "}],"radiusMeters":100,"withinMinutes":30}},
             "then":{"open":{"category":"Noise Residential","slaCategory":"NOISE-residential"}}}
            """);
        var group = Assert.IsType<GroupCondition>(definition.When);
        Assert.Equal(["noise_residential", "noise_db"], group.Members.Cast<EventMatch>().SelectMany(m => m.Categories));
        Assert.Equal(("noise_residential", "noise_residential"), (definition.Then.Category, definition.Then.SlaCategory));
    }

    [Fact]
    public void Built_ins_that_decide_for_their_detections_say_so_and_smoke_fire_does_not()
    {
        string[] takingOver = ["crowd-gathering", "garbage-overflow", "illegal-parking", "street-occupation", "traffic-congestion", "waterlogging"];
        foreach (var id in takingOver) Assert.True(ScenarioRun.BuiltIn(id).Then.TakesOverOpening, id);
        Assert.False(ScenarioRun.BuiltIn("smoke-fire").Then.TakesOverOpening);
    }
}
