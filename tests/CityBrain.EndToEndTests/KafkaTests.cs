using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Kafka in and out against the repository's Kafka-protocol broker, read back with kcat.</summary>
public sealed class KafkaTests
{
    [Fact]
    public async Task NYC_311_through_Kafka_every_row_accounted_bad_rows_on_the_dead_letter_topic_every_change_on_the_egress_topic_in_order()
    {
        await using var kafka = await KafkaMockProcess.StartAsync("city.events:6", "citybrain.incidents:6", "citybrain.dead-letters:2");
        await using var host = await HostProcess.StartAsync("nyc", null, "--Kafka:Enabled=true", $"--Kafka:BootstrapServers={kafka.BootstrapServers}");
        var csv = Bench.Nyc311Csv;
        var ndjson = await Bench.ConvertNyc311Async();

        var url = host.Http.BaseAddress!.ToString().TrimEnd('/');
        await Bench.MustRunAsync("replay via kafka", "replay", "--file", ndjson, "--via", "kafka", "--kafka", kafka.BootstrapServers, "--sse", $"{url}/api/stream/incidents", "--timeout-seconds", "120");
        var check = await Bench.MustRunAsync("accounting", "check-311", "--input", csv, "--http", url);
        Assert.Contains("2386 of 2386 rows accounted for", check);

        // 82 rows have no coordinates: each is on the dead-letter topic with its reason and where it came from.
        var letters = (await kafka.KcatAsync("-C", "-t", "citybrain.dead-letters", "-e", "-q", "-f", "%h\n")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(82, letters.Length);
        Assert.All(letters, h =>
        {
            Assert.Contains("citybrain-reason=", h);
            Assert.Contains("citybrain-original-topic=city.events", h);
            Assert.Contains("citybrain-original-offset=", h);
        });

        // Every incident's changes are on the egress topic, versions 1, 2, … in order, keyed by its id.
        var egress = (await kafka.KcatAsync("-C", "-t", "citybrain.incidents", "-e", "-q", "-f", "%k\t%s\n")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var versions = new Dictionary<string, List<long>>();
        var lastEvidenceCount = new Dictionary<string, int>();
        foreach (var line in egress)
        {
            var tab = line.IndexOf('\t');
            var key = line[..tab];
            using var change = JsonDocument.Parse(line[(tab + 1)..]);
            Assert.Equal(key, change.RootElement.GetProperty("subject").GetString());
            var data = change.RootElement.GetProperty("data");
            if (!versions.TryGetValue(key, out var list)) versions[key] = list = [];
            list.Add(data.GetProperty("version").GetInt64());
            lastEvidenceCount[key] = data.GetProperty("incident").GetProperty("evidenceCount").GetInt32();
        }

        Assert.All(versions, v => Assert.Equal(Enumerable.Range(1, v.Value.Count).Select(i => (long)i), v.Value));
        for (var page = 1; ; page++)
        {
            var open = await host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents?status=open&pageSize=500&page={page}");
            var items = open.GetProperty("items").EnumerateArray().ToList();
            foreach (var id in items.Select(i => i.GetProperty("id").GetString()!))
            {
                var detail = await host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
                Assert.True(lastEvidenceCount.TryGetValue(id, out var published), $"incident {id} never reached the egress topic");
                Assert.Equal(detail.GetProperty("incident").GetProperty("evidenceCount").GetInt32(), published);
            }

            if (items.Count < 500) break;
        }
    }
}
