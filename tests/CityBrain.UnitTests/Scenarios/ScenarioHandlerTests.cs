using CityBrain.Events;
using CityBrain.Scenarios;

namespace CityBrain.UnitTests.Scenarios;

/// <summary>A C# handler loaded from an assembly by path, named in a definition like any scenario.</summary>
public sealed class ScenarioHandlerTests
{
    private static readonly Lazy<ScenarioHandlerTypes> Loaded = new(() => ScenarioHandlerTypes.Load([SampleAssembly()]));

    /// <summary>The sample handler project's build output, of the same configuration as this test's.</summary>
    private static string SampleAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        return Path.Combine(RepoPaths.Root, "tests", "CityBrain.SampleHandlers", "bin", configuration, "net10.0", "CityBrain.SampleHandlers.dll");
    }

    private static string Spike(string settings = """{"sigmas":3,"minSamples":4}""") => """
        {"id":"level-spike","name":"water level spike",
         "when":{"handler":{"type":"CityBrain.SampleHandlers.ReadingSpikeHandler",
                            "triggers":[{"reading":"water_level_cm"}],
                            "watches":[{"of":{"reading":"water_level_cm"},"withinMinutes":60,"radiusMeters":10}],
                            "settings":SETTINGS}},
         "then":{"open":{"category":"waterlogging"}}}
        """.Replace("SETTINGS", settings);

    private static ScenarioDefinition Parse(string json) => new ScenarioParser(ScenarioRun.Twin, Loaded.Value).Parse(json, version: 1);

    [Fact]
    public void Handler_from_a_loaded_assembly_fires_on_a_spike_against_its_points_own_recent_readings()
    {
        var run = new ScenarioRun(null, Parse(Spike()));
        Assert.Equal(0, run.FiringsOf(
            run.Reading("wl-1", 0, "water_level_cm", 10), run.Reading("wl-1", 5, "water_level_cm", 11),
            run.Reading("wl-1", 10, "water_level_cm", 10.5), run.Reading("wl-1", 15, "water_level_cm", 9.5),
            run.Reading("wl-2", 16, "water_level_cm", 80),
            run.Reading("wl-1", 20, "water_level_cm", 11.5)));
        var fired = Assert.Single(run.Feed(run.Reading("wl-1", 25, "water_level_cm", 30)));
        Assert.Equal(("level-spike", 6), (fired.Scenario.Id, fired.Supporting));
    }

    [Fact]
    public void Handler_definitions_are_checked_like_any_other()
    {
        var unknown = Assert.Throws<ScenarioDefinitionException>(() => Parse(Spike().Replace("ReadingSpikeHandler", "NoSuchHandler")));
        Assert.Contains(unknown.Errors, e => e.Path == "$.when.handler.type" && e.Reason.Contains("CityBrain.SampleHandlers.ReadingSpikeHandler", StringComparison.Ordinal));

        var refused = Assert.Throws<ScenarioDefinitionException>(() => Parse(Spike("""{"sigmas":-1}""")));
        Assert.Contains(refused.Errors, e => e.Path == "$.when.handler.settings" && e.Reason.Contains("sigmas must be above 0", StringComparison.Ordinal));

        var nested = Assert.Throws<ScenarioDefinitionException>(() => Parse("""
            {"id":"x","name":"x","when":{"any":{"of":[{"detection":"a"},{"handler":{"type":"CityBrain.SampleHandlers.ReadingSpikeHandler","triggers":[{"reading":"b"}]}}]}},"then":{"open":{"category":"c"}}}
            """));
        Assert.Contains(nested.Errors, e => e.Path == "$.when.any.of[1].handler");

        var none = Assert.Throws<ScenarioDefinitionException>(() => new ScenarioParser(ScenarioRun.Twin).Parse(Spike(), 1));
        Assert.Contains(none.Errors, e => e.Path == "$.when.handler.type" && e.Reason.Contains("Scenarios:HandlerAssemblies", StringComparison.Ordinal));
    }

    [Fact]
    public void A_handler_that_throws_does_not_fire_and_is_reported()
    {
        var failures = new List<Exception>();
        var catalog = new ScenarioCatalog([Parse(Spike()) with { When = ((HandlerCondition)Parse(Spike()).When) with { Handler = new Throwing() } }], revision: 1);
        var evaluator = new ScenarioEvaluator(ScenarioRun.Twin.TimeZone, (_, e) => failures.Add(e));
        var firings = new List<ScenarioFiring>();
        evaluator.Evaluate(catalog, new ScenarioWindows(), new ScenarioRun(null).Reading("wl-1", 0, "water_level_cm", 10), firings);
        Assert.Empty(firings);
        Assert.IsType<InvalidOperationException>(Assert.Single(failures));
    }

    [Fact]
    public void Loading_a_path_that_is_not_an_assembly_fails_naming_it()
    {
        var path = Path.GetTempFileName();
        var error = Assert.Throws<InvalidOperationException>(() => ScenarioHandlerTypes.Load([path]));
        Assert.Contains(path, error.Message);
    }

    private sealed class Throwing : IScenarioHandler
    {
        public int Evaluate(ScenarioHandlerContext context) => throw new InvalidOperationException("broken handler");
    }
}
