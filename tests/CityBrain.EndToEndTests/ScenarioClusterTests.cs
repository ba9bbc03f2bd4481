using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Two host processes forming one cluster on PostgreSQL: a scenario added over one node's API acts through both within 5 s.</summary>
public sealed class ScenarioClusterTests
{
    [Fact]
    public async Task A_scenario_added_over_the_API_of_one_node_opens_incidents_through_both_nodes_within_5_s()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var cluster = $"scenarios-{Guid.NewGuid():N}";
        string[] node = [$"--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}", $"--Orleans:ClusterId={cluster}"];
        await using var first = await HostProcess.StartAsync("chengdu", null, node);
        await using var second = await HostProcess.StartAsync("chengdu", null, node);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var created = await first.Http.PostAsync("/api/scenarios?actor=e2e", new StringContent("""
            {"id":"e2e-pair","name":"two detections within 100 m","when":{"count":{"of":{"detection":"e2e_crowd"},"atLeast":2,"withinMinutes":10,"radiusMeters":100}},
             "then":{"open":{"category":"e2e_gathering","severity":"high","takesOverOpening":true}}}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var host in new[] { first, second })
        {
            await Poll.UntilAsync("every node's catalog holds the new scenario", async () =>
            {
                var catalog = await host.Http.GetFromJsonAsync<JsonElement>("/api/scenarios/catalog");
                return catalog.GetProperty("enabled").EnumerateArray().Any(s => s.GetProperty("id").GetString() == "e2e-pair") ? catalog : null;
            }, TimeSpan.FromSeconds(5), () => host.Log);
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the scenario took {stopwatch.Elapsed} to reach both nodes");

        // Pairs of detections at places across Chengdu, each pair sent through the other node than the last.
        var centre = (Lon: 104.0665, Lat: 30.5723);
        for (var i = 0; i < 8; i++)
        {
            var via = i % 2 == 0 ? first : second;
            var (lon, lat) = (centre.Lon + 0.02 * (i % 4), centre.Lat + 0.02 * (i / 4));
            var time = DateTimeOffset.UtcNow;
            foreach (var (n, dLon) in new[] { (1, 0.0), (2, 0.0003) })
            {
                var detection = CloudEventBuilder.Detection("e2e_crowd").Id($"pair-{i}-{n}").Source("e2e").Subject($"e2e-cam-{i}-{n}").Time(time.AddSeconds(n)).At(lon + dLon, lat);
                var posted = await via.Http.PostAsync("/api/events", new StringContent(detection.ToJson(), Encoding.UTF8, "application/cloudevents+json"));
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            }
        }

        foreach (var host in new[] { first, second })
        {
            var page = await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?category=e2e_gathering&pageSize=50");
            Assert.Equal(8, page.GetProperty("totalItems").GetInt32());
            Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("e2e-pair", i.GetProperty("scenarioId").GetString()));
            Assert.Equal(0, (await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?category=e2e_crowd")).GetProperty("totalItems").GetInt32());
        }
    }
}
