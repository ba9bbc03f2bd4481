using System.Globalization;
using System.Text.Json;
using CityBrain.Scenarios;

namespace CityBrain.UnitTests.Scenarios;

/// <summary>Every field of a definition has a range or a bound, refused at save naming the field and the range (the twin pack's cells are 500 m).</summary>
public sealed class ScenarioRangeTests
{
    private const string Then = """ "then":{"open":{"category":"c"}} """;

    private static string Definition(string when, string extra = "", string then = Then) =>
        """{"id":"x","name":"n",EXTRA"when":WHEN,THEN}""".Replace("EXTRA", extra).Replace("WHEN", when).Replace("THEN", then);

    private static string Count(string atLeast = "2", string within = "10", string radius = "100") =>
        Definition("""{"count":{"of":{"detection":"a"},"atLeast":AT_LEAST,"withinMinutes":WITHIN,"radiusMeters":RADIUS}}""")
            .Replace("AT_LEAST", atLeast).Replace("WITHIN", within).Replace("RADIUS", radius);

    private static string Filters(int count) => string.Join(",", Enumerable.Range(0, count).Select(i => """{"detection":"aI"}""".Replace("I", i.ToString(CultureInfo.InvariantCulture))));

    private static string Members(string group, int count, string extra = "") =>
        Definition("""{"GROUP":{"of":[MEMBERS]EXTRA}}""").Replace("GROUP", group).Replace("MEMBERS", Filters(count)).Replace("EXTRA", extra);

    private static string Nested(int depth) =>
        Definition(Enumerable.Range(0, depth).Aggregate("""{"detection":"a"}""", (inner, _) => """{"any":{"of":[INNER,{"detection":"b"}]}}""".Replace("INNER", inner)));

    private static string Square(int vertices)
    {
        var ring = Enumerable.Range(0, vertices).Select(i => 2 * Math.PI * i / vertices)
            .Select(a => $"[{(10.03 + 0.001 * Math.Cos(a)).ToString(CultureInfo.InvariantCulture)},{(50.01 + 0.001 * Math.Sin(a)).ToString(CultureInfo.InvariantCulture)}]").ToList();
        ring.Add(ring[0]);
        return Definition("""{"detection":"a","where":{"polygon":{"type":"Polygon","coordinates":[[RING]]}}}""").Replace("RING", string.Join(",", ring));
    }

    private static string Repeat(char c, int count) => new(c, count);

    private static string FiveFilterAll => """{"all":{"of":[{"detection":"a"},{"detection":"b"},{"detection":"c"},{"detection":"d"},{"detection":"e"}]}}""";

    public static TheoryData<string, string, string> OutOfRange() => new()
    {
        { Count(within: "1e10"), "$.when.count.withinMinutes", "above 0 and at most 10080" },
        { Count(within: "1e12"), "$.when.count.withinMinutes", "above 0 and at most 10080" },
        { Count(within: "1e400"), "$.when.count.withinMinutes", "above 0 and at most 10080" },
        { Count(within: "\"NaN\""), "$.when.count.withinMinutes", "above 0 and at most 10080" },
        { Count(within: "0"), "$.when.count.withinMinutes", "above 0 and at most 10080" },
        { Count(radius: "1e12"), "$.when.count.radiusMeters", "from 0 to 1000 (metres: 2 cells of 500 m" },
        { Count(radius: "1001"), "$.when.count.radiusMeters", "from 0 to 1000" },
        { Count(radius: "-1"), "$.when.count.radiusMeters", "from 0 to 1000" },
        { Count(atLeast: "1000000"), "$.when.count.atLeast", "from 1 to 4096" },
        { Count(atLeast: "1e12"), "$.when.count.atLeast", "from 1 to 4096" },
        { Count(atLeast: "0"), "$.when.count.atLeast", "from 1 to 4096" },
        { Members("all", 17), "$.when.all.of", "2 to 16 members" },
        { Members("any", 10_000), "$.when.any.of", "2 to 16 members" },
        { Members("sequence", 17, ""","radiusMeters":10,"withinMinutes":5"""), "$.when.sequence.of", "2 to 16 members" },
        { Members("all", 3, ""","radiusMeters":1e12,"withinMinutes":5"""), "$.when.all.radiusMeters", "from 0 to 1000" },
        { Members("all", 3, ""","radiusMeters":10,"withinMinutes":1e10"""), "$.when.all.withinMinutes", "at most 10080" },
        { Nested(5), "$.when.any.of[0].any.of[0].any.of[0].any.of[0].any", "at most 4 deep" },
        { Definition("""{"any":{"of":[ALLS]}}""".Replace("ALLS", string.Join(",", Enumerable.Repeat(FiveFilterAll, 14)))), "$.when.any.of[12].all.of[4]", "at most 64 categories or metrics" },
        { Square(10_001), "$.when.where.polygon", "at most 10000" },
        { Definition("""{"detection":"a","where":{"near":{"geometry":{"type":"Point","coordinates":[10.03,50.01]},"meters":1e6}}}"""), "$.when.where.near.meters", "from 0 to 100000" },
        { Definition("""{"detection":"a"}""", """ "scope":{"regions":[CODES]},""".Replace("CODES", string.Join(",", Enumerable.Repeat("\"A\"", 257)))), "$.scope.regions", "1 to 256 region codes" },
        { Definition("""{"detection":"a"}""").Replace("\"name\":\"n\"", $"\"name\":\"{Repeat('n', 201)}\""), "$.name", "1 to 200 characters" },
        { Definition("""{"detection":"a"}""", $"\"description\":\"{Repeat('d', 2001)}\","), "$.description", "1 to 2000 characters" },
        { Definition("""{"detection":"a"}""").Replace("\"name\":\"n\"", "\"name\":\"line\\nforged\""), "$.name", "control characters" },
        { Definition("""{"detection":"NAME"}""".Replace("NAME", Repeat('a', 129))), "$.when.detection", "at most 128 characters" },
        { Definition("""{"detection":[NAMES]}""".Replace("NAMES", string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"a{i}\"")))), "$.when.detection", "1 to 32" },
        { Definition("""{"detection":"a"}""", then: """ "then":{"open":{"category":"NAME"}}""".Replace("NAME", Repeat('c', 129))), "$.then.open.category", "1 to 128 characters" },
        { Definition("""{"detection":"a"}""", then: """ "then":{"notify":{"type":"city.NAME"}}""".Replace("NAME", Repeat('x', 130))), "$.then.notify.type", "1 to 128 characters" },
        { Definition("""{"detection":"a"}""", then: """ "then":{"open":{"category":"--"}}"""), "$.then.open.category", "no letter or digit" },
        { Definition("""{"reading":"level","value":{"atLeast":1e10}}"""), "$.when.value.atLeast", "from -1000000000 to 1000000000" },
        { Definition("""{"reading":"level","ratePerMinute":{"below":-1e400}}"""), "$.when.ratePerMinute.below", "from -1000000000 to 1000000000" },
        { Definition("""{"detection":"a","confidence":{"atLeast":1.5}}"""), "$.when.confidence.atLeast", "from 0 to 1" },
        { Definition("""{"detection":"a","confidence":{"above":-0.1}}"""), "$.when.confidence.above", "from 0 to 1" },
        { Definition("""{"detection":"a","localTime":{"from":"24:00","to":"06:00"}}"""), "$.when.localTime.from", "HH:mm" },
        { Definition("""{"detection":"a","localTime":{"from":"7:00","to":"06:00"}}"""), "$.when.localTime.from", "HH:mm" },
        { Definition("""{"detection":"a","days":["mon","tue","wed","thu","fri","sat","sun","mon"]}"""), "$.when.days", "1 to 7 days" },
        { Definition("""{"sustained":{"of":{"detection":"a"},"forMinutes":20000}}"""), "$.when.sustained.forMinutes", "at most 10080" },
        { Definition("""{"sustained":{"of":{"detection":"a"},"forMinutes":10,"maxGapMinutes":-3}}"""), "$.when.sustained.maxGapMinutes", "above 0 and at most 10080" },
        { Definition("""{"silence":{"forMinutes":1e10,"atLeast":5,"regionLevel":"lowest"}}"""), "$.when.silence.forMinutes", "at most 10080" },
        { Definition("""{"silence":{"forMinutes":15,"atLeast":10001,"regionLevel":"lowest"}}"""), "$.when.silence.atLeast", "from 1 to 10000" },
        { Definition("""{"handler":{"type":"Nowhere.Handler","triggers":[{"reading":"a"}],"watches":[{"of":{"reading":"a"},"withinMinutes":60,"radiusMeters":1e12}]}}"""), "$.when.handler.watches[0].radiusMeters", "from 0 to 1000" },
        { Definition("""{"detection":"a"}""", then: """ "then":{"open":{"category":"c","takesOverOpening":"yes"}}"""), "$.then.open.takesOverOpening", "true or false" },
        { Definition("""{"detection":"a"}""").Replace("\"id\":\"x\"", "\"id\":\"\\ud800\""), "$.id", "not valid Unicode" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Each_out_of_range_scenario_field_is_refused_at_save_with_its_range(string json, string path, string range)
    {
        var error = Assert.Throws<ScenarioDefinitionException>(() => ScenarioRun.FromJson(json));
        Assert.True(error.Errors.Any(e => e.Path == path && e.Reason.Contains(range, StringComparison.Ordinal)),
            $"expected {path}: …{range}…; got {string.Join("; ", error.Errors.Select(e => e.ToString()[..Math.Min(300, e.ToString().Length)]))}");
    }

    /// <summary>The ranges that do not depend on the pack are in the published schema too.</summary>
    [Theory]
    [InlineData("$.when.count.withinMinutes")]
    [InlineData("$.when.count.atLeast")]
    [InlineData("$.when.all.of")]
    [InlineData("$.when.sequence.of")]
    [InlineData("$.when.confidence.atLeast")]
    [InlineData("$.when.value.atLeast")]
    [InlineData("$.when.where.near.meters")]
    [InlineData("$.scope.regions")]
    [InlineData("$.name")]
    [InlineData("$.description")]
    [InlineData("$.when.detection")]
    [InlineData("$.then.open.category")]
    [InlineData("$.then.notify.type")]
    [InlineData("$.when.days")]
    [InlineData("$.when.sustained.forMinutes")]
    [InlineData("$.when.silence.forMinutes")]
    [InlineData("$.when.silence.atLeast")]
    public void The_published_schema_refuses_the_same_out_of_range_field(string path)
    {
        // Not the schema's: text without letters or with control characters (the parser's), and 1e400 (the validator's decimals overflow).
        string[] parserOnly = ["control characters", "no letter or digit"];
        var rows = OutOfRange().Where(r => (string)r[1] == path && !parserOnly.Contains((string)r[2]) && !((string)r[0]).Contains("e400", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            using var document = JsonDocument.Parse((string)row[0]);
            Assert.False(ScenarioParserTests.Schema.Evaluate(document.RootElement).IsValid, $"the schema takes {path} in {((string)row[0])[..Math.Min(200, ((string)row[0]).Length)]}");
        }
    }

    [Fact]
    public void Fields_at_the_ends_of_their_ranges_are_accepted()
    {
        var definition = ScenarioRun.FromJson(Count(atLeast: "4096", within: "10080", radius: "1000"));
        var count = Assert.IsType<CountCondition>(definition.When);
        Assert.Equal((4096, TimeSpan.FromDays(7), 1000.0), (count.AtLeast, count.Within, count.RadiusMeters));
        Assert.IsType<GroupCondition>(ScenarioRun.FromJson(Members("all", 16)).When);
        Assert.IsType<GroupCondition>(ScenarioRun.FromJson(Nested(4)).When);
    }

    public static TheoryData<string> Numbers() => ["1e10", "1e12", "1e400", "-1e400", "1e-400", "-0", "2.5", "4294967296", "\"NaN\"", "\"Infinity\"", "\"1e12\"", "null", "[]", "{}", "true"];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Any_number_in_any_numeric_field_is_taken_or_refused_and_never_throws_anything_else(string number)
    {
        string[] definitions =
        [
            Count(atLeast: number), Count(within: number), Count(radius: number),
            Definition("""{"reading":"level","value":{"above":N},"ratePerMinute":{"atMost":N}}""".Replace("N", number)),
            Definition("""{"detection":"a","confidence":{"atLeast":N}}""".Replace("N", number)),
            Definition("""{"sustained":{"of":{"detection":"a"},"forMinutes":N,"maxGapMinutes":N}}""".Replace("N", number)),
            Definition("""{"silence":{"forMinutes":N,"atLeast":N,"regionLevel":"lowest"}}""".Replace("N", number)),
            Definition("""{"detection":"a","where":{"near":{"geometry":{"type":"Point","coordinates":[10.03,50.01]},"meters":N}}}""".Replace("N", number)),
            Definition("""{"all":{"of":[{"detection":"a"},{"detection":"b"}],"radiusMeters":N,"withinMinutes":N}}""".Replace("N", number)),
        ];
        foreach (var json in definitions)
        {
            try
            {
                ScenarioRun.FromJson(json);
            }
            catch (ScenarioDefinitionException e)
            {
                Assert.All(e.Errors, error => Assert.StartsWith("$.", error.Path));
            }
        }
    }
}
