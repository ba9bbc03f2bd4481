using System.Text.Json;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Json.Schema;

namespace CityBrain.UnitTests.Scenarios;

public sealed class ScenarioParserTests
{
    private static readonly Lazy<CityPack[]> ShippedPacks = new(() => [CityPackLoader.Load(RepoPaths.Pack("chengdu")), CityPackLoader.Load(RepoPaths.Pack("nyc"))]);

    internal static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "scenario.schema.json")));

    private static string[] BuiltInFiles() =>
        [.. Directory.GetFiles(RepoPaths.Scenarios, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> BuiltIns() => [.. BuiltInFiles()];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Built_in_scenario_passes_the_published_schema_and_the_parser_for_every_shipped_pack(string file)
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Scenarios, file));
        using var document = JsonDocument.Parse(json);
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{file}: {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}");
        foreach (var pack in ShippedPacks.Value)
        {
            var definition = new ScenarioParser(pack).Parse(json, version: 1);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), definition.Id);
        }
    }

    [Fact]
    public void The_ten_built_in_scenarios_of_the_issue_ship() =>
        Assert.Equal(10, BuiltInFiles().Length);

    [Theory]
    [InlineData("""{"id":"x","name":"n","then":{"open":{"category":"c"}}}""", "$.when", "required")]
    [InlineData("""{"id":"X y","name":"n","when":{"detection":"a"},"then":{"open":{"category":"c"}}}""", "$.id", "not a scenario id")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a"},"then":{"open":{"category":"c"}},"colour":1}""", "$.colour", "not a known property")]
    [InlineData("""{"id":"x","name":"n","when":{"count":{"of":{"detection":"a"},"atLeast":2.5,"withinMinutes":10,"radiusMeters":100}},"then":{"open":{"category":"c"}}}""", "$.when.count.atLeast", "whole number")]
    [InlineData("""{"id":"x","name":"n","when":{"count":{"of":{"detection":"a"},"atLeast":2,"radiusMeters":100}},"then":{"open":{"category":"c"}}}""", "$.when.count.withinMinutes", "required")]
    [InlineData("""{"id":"x","name":"n","when":{"all":{"of":[{"detection":"a"},{"reading":"b","value":{"above":5,"below":2}}],"radiusMeters":10,"withinMinutes":1}},"then":{"open":{"category":"c"}}}""", "$.when.all.of[1].value", "no number")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a","value":{"above":1}},"then":{"open":{"category":"c"}}}""", "$.when.value", "only readings")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a","where":{"regions":["nowhere"]}},"then":{"open":{"category":"c"}}}""", "$.when.where.regions[0]", "not a region code")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a","where":{"polygon":{"type":"Point","coordinates":[10,50]}}},"then":{"open":{"category":"c"}}}""", "$.when.where.polygon", "Polygon or MultiPolygon")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a","localTime":{"from":"25:00","to":"06:00"}},"then":{"open":{"category":"c"}}}""", "$.when.localTime.from", "HH:mm")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a","days":["mon","someday"]},"then":{"open":{"category":"c"}}}""", "$.when.days[1]", "not one of")]
    [InlineData("""{"id":"x","name":"n","when":{"sequence":{"of":[{"detection":"a"},{"count":{}}],"radiusMeters":10,"withinMinutes":1}},"then":{"open":{"category":"c"}}}""", "$.when.sequence.of[1]", "observation filter")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a","reading":"b"},"then":{"open":{"category":"c"}}}""", "$.when", "exactly one")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a"},"then":{"open":{"category":"c","department":"NOPE"}}}""", "$.then.open.department", "not a department")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a"},"then":{"open":{"category":"c","severity":"dire"}}}""", "$.then.open.severity", "not one of")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a"},"then":{"notify":{"type":"Outage!"}}}""", "$.then.notify.type", "not an event type")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a"},"then":{"open":{"category":"c"},"notify":{"type":"a.b"}}}""", "$.then", "exactly one")]
    [InlineData("""{"id":"x","name":"n","mode":"dry","when":{"detection":"a"},"then":{"open":{"category":"c"}}}""", "$.mode", "live, shadow")]
    [InlineData("""{"id":"x","name":"n","when":{"detection":"a"},"then":{"open":{"category":"c"}},"scope":{"regions":[]}}""", "$.scope.regions", "non-empty")]
    [InlineData("""{"id":"x","name":"n","when":{"silence":{"forMinutes":15,"atLeast":5,"regionLevel":"street"}},"then":{"open":{"category":"c"}}}""", "$.when.silence.regionLevel", "nor first or lowest")]
    [InlineData("""{"id":"x","name":"n","when":{"any":{"of":[{"detection":"a"},{"silence":{"forMinutes":15,"atLeast":5,"regionLevel":"lowest"}}]}},"then":{"open":{"category":"c"}}}""", "$.when.any.of[1].silence", "stands alone")]
    [InlineData("""[1]""", "$", "JSON object")]
    [InlineData("""{"id":"x",""", "$", "not valid JSON")]
    public void Invalid_definition_is_refused_naming_the_json_path(string json, string path, string reason)
    {
        var error = Assert.Throws<ScenarioDefinitionException>(() => ScenarioRun.FromJson(json));
        Assert.Contains(error.Errors, e => e.Path == path && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_of_a_definition_is_reported_at_once()
    {
        var error = Assert.Throws<ScenarioDefinitionException>(() => ScenarioRun.FromJson("""
            {"id":"x","name":"","when":{"count":{"of":{"detection":""},"atLeast":0,"withinMinutes":0,"radiusMeters":-1}},"then":{"open":{}}}
            """));
        Assert.Equal(
            ["$.name", "$.when.count.of.detection", "$.when.count.atLeast", "$.when.count.withinMinutes", "$.when.count.radiusMeters", "$.then.open.category"],
            error.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Schema_refuses_what_the_parser_refuses_for_its_shape()
    {
        using var missingThen = JsonDocument.Parse("""{"id":"x","name":"n","when":{"detection":"a"}}""");
        using var badCount = JsonDocument.Parse("""{"id":"x","name":"n","when":{"count":{"of":{"detection":"a"},"atLeast":0,"withinMinutes":1,"radiusMeters":1}},"then":{"open":{"category":"c"}}}""");
        Assert.False(Schema.Evaluate(missingThen.RootElement).IsValid);
        Assert.False(Schema.Evaluate(badCount.RootElement).IsValid);
    }
}
