using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>A built-in scenario switched on over the API, run live over a recorded file and backtested over the same file.</summary>
public sealed class ScenarioEndToEndTests
{
    private static readonly string Recording = RepoPaths.TestData("waterlogging-jinjiang.ndjson");

    [Fact]
    public async Task Backtest_of_waterlogging_over_a_recorded_file_opens_the_same_incidents_as_the_live_run_over_it()
    {
        await using var host = await HostProcess.StartAsync("chengdu");
        var enabled = await host.Http.PostAsync("/api/scenarios/waterlogging/enable?actor=e2e", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        await Poll.UntilAsync("the node's catalog holds the enabled waterlogging scenario", async () =>
        {
            var catalog = await host.Http.GetFromJsonAsync<JsonElement>("/api/scenarios/catalog");
            return catalog.GetProperty("enabled").EnumerateArray().Any(s => s.GetProperty("id").GetString() == "waterlogging") ? catalog : null;
        }, TimeSpan.FromSeconds(10), () => host.Log);
        var takeovers = await host.Http.GetFromJsonAsync<JsonElement>("/api/scenarios/takeovers");
        var held = Assert.Single(takeovers.GetProperty("takenOver").EnumerateArray());
        var holder = Assert.Single(held.GetProperty("scenarios").EnumerateArray());
        Assert.Equal(("waterlogging", "waterlogging", 2, "e2e"), (held.GetProperty("category").GetString(), holder.GetProperty("id").GetString(), holder.GetProperty("version").GetInt32(), holder.GetProperty("changedBy").GetString()));
        Assert.Equal(["smoke_fire"], takeovers.GetProperty("alwaysOpen").EnumerateArray().Select(c => c.GetString()));

        // Live: the file in order, one event per request, as a feed would deliver it.
        var refusedLive = 0;
        foreach (var line in File.ReadLines(Recording))
        {
            var answer = await host.Http.PostAsync("/api/events", new StringContent(line, Encoding.UTF8, "application/cloudevents+json"));
            if (answer.StatusCode == HttpStatusCode.BadRequest) refusedLive++;
            else Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        // Each incident itself, not the list row: region lists take new evidence counts up to a second late.
        var liveIds = (await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?category=waterlogging&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()!).ToArray();
        var liveRows = new List<(string Id, DateTimeOffset OpenedAt, int Evidence, string? Scenario)>();
        foreach (var id in liveIds)
        {
            var incident = (await host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("incident");
            liveRows.Add((id, incident.GetProperty("openedAt").GetDateTimeOffset(), incident.GetProperty("evidenceCount").GetInt32(), incident.GetProperty("scenarioId").GetString()));
        }

        var live = liveRows.OrderBy(i => i.OpenedAt).ToArray();

        var backtest = await host.Http.PostAsync("/api/scenarios/waterlogging/backtest", new StringContent(await File.ReadAllTextAsync(Recording), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, backtest.StatusCode);
        var body = await backtest.Content.ReadFromJsonAsync<JsonElement>();
        var report = body.GetProperty("report");
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("cutShort").ValueKind);
        var simulated = report.GetProperty("incidents").EnumerateArray()
            .Select(i => (Id: i.GetProperty("id").GetString()!, OpenedAt: i.GetProperty("openedAt").GetDateTimeOffset(), Evidence: i.GetProperty("evidence").GetInt32(), Scenario: i.GetProperty("scenarioId").GetString()))
            .OrderBy(i => i.OpenedAt).ToArray();

        Assert.Equal(2, live.Length);
        Assert.Equal(live, simulated);
        Assert.All(live, i => Assert.Equal("waterlogging", i.Scenario));
        Assert.Equal([2, 1], live.Select(i => i.Evidence));
        Assert.Equal((1, 1), (refusedLive, body.GetProperty("refusedLines").GetInt32()));
        var summary = Assert.Single(report.GetProperty("scenarios").EnumerateArray());
        Assert.Equal((3, 2, 1), (summary.GetProperty("firings").GetInt32(), summary.GetProperty("opened").GetInt32(), summary.GetProperty("attached").GetInt32()));

        // The backtest had no side effects: still the two live incidents, and no more firings recorded.
        var firings = await Poll.UntilAsync("the three live firings are recorded", async () =>
        {
            var recorded = await host.Http.GetFromJsonAsync<JsonElement>("/api/scenarios/waterlogging/firings");
            return recorded.GetProperty("live").GetInt64() >= 3 ? recorded : null;
        }, TimeSpan.FromSeconds(10), () => host.Log);
        Assert.Equal(3, firings.GetProperty("live").GetInt64());
        Assert.Equal(2, (await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?category=waterlogging")).GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task A_backtest_past_its_time_budget_answers_with_what_it_evaluated_and_says_it_was_cut_short()
    {
        await using var host = await HostProcess.StartAsync("chengdu", null, "--Scenarios:BacktestSeconds=1");
        var created = await host.Http.PostAsync("/api/scenarios?actor=e2e", new StringContent(
            """{"id":"slow-crowd","name":"s","enabled":false,"when":{"count":{"of":{"detection":"crowd"},"atLeast":4096,"withinMinutes":10080,"radiusMeters":1000}},"then":{"open":{"category":"crowd"}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // Each detection looks back over every one before it: 20,000 are some 200 million comparisons, far past a second.
        const string Template = """{"specversion":"1.0","id":"slow-ID","source":"recorded","type":"city.camera.detection","subject":"cam-slow-CAM","time":"TIME","data":{"category":"crowd","confidence":0.9,"lon":104.080989,"lat":30.657689,"crs":"gcj02"}}""";
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        var file = string.Join("\n", Enumerable.Range(0, 20_000).Select(i => Template
            .Replace("ID", i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("CAM", (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("TIME", start.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture))));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var answer = await host.Http.PostAsync("/api/scenarios/slow-crowd/backtest", new StringContent(file, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"the backtest answered after {stopwatch.Elapsed}");
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var report = body.GetProperty("report");
        Assert.False(report.GetProperty("complete").GetBoolean());
        Assert.InRange(report.GetProperty("observations").GetInt32(), 0, 19_999);
        Assert.Contains("Scenarios:BacktestSeconds", body.GetProperty("cutShort").GetString());
    }

    [Fact]
    public async Task Scenario_definition_errors_come_back_as_problem_details_naming_each_json_path()
    {
        await using var host = await HostProcess.StartAsync("chengdu");
        var answer = await host.Http.PostAsync("/api/scenarios", new StringContent(
            """{"id":"broken","name":"b","when":{"count":{"of":{"detection":"crowd"},"atLeast":0,"radiusMeters":100}},"then":{"open":{"category":"crowd","department":"NOPE"}}}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["$.when.count.atLeast", "$.when.count.withinMinutes", "$.then.open.department"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/api/scenarios/broken")).StatusCode);

        // Values that once passed and then broke every matching event, or answered 500, are refused with their ranges.
        var huge = await host.Http.PostAsync("/api/scenarios", new StringContent(
            """{"id":"huge","name":"h","when":{"count":{"of":{"detection":"crowd"},"atLeast":1000000,"withinMinutes":1e12,"radiusMeters":1e12}},"then":{"open":{"category":"crowd"}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        var ranges = (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("from 1 to 4096", ranges.GetProperty("$.when.count.atLeast")[0].GetString());
        Assert.Contains("at most 10080", ranges.GetProperty("$.when.count.withinMinutes")[0].GetString());
        Assert.Contains("from 0 to 1000", ranges.GetProperty("$.when.count.radiusMeters")[0].GetString());

        var fire = await host.Http.PostAsync("/api/scenarios?actor=e2e", new StringContent(
            """{"id":"fire-takeover","name":"f","when":{"detection":"smoke_fire","confidence":{"atLeast":0.99}},"then":{"open":{"category":"smoke_fire","takesOverOpening":true}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, fire.StatusCode);
        Assert.Contains("'smoke_fire' always opens", (await fire.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("$.then.open.takesOverOpening")[0].GetString());

        var forged = await host.Http.PostAsync("/api/scenarios/smoke-fire/enable?actor=ops%0Aforged", null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True((await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("actor", out _));

        var list = await host.Http.GetFromJsonAsync<JsonElement>("/api/scenarios");
        Assert.Equal(10, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), s => Assert.False(s.GetProperty("enabled").GetBoolean()));
    }
}
