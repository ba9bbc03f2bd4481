using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>
/// At-least-once Kafka ingest under crashes: a synthetic feed of 100,000 events with 1,000 malformed lines goes
/// through the mock cluster while the consuming host, on PostgreSQL, is killed with kill -9 twice and restarted.
/// Afterwards the bench tool's check-synthetic must find every event once, every happening as one incident and
/// every malformed line dead-lettered; kcat must find every malformed line on the dead-letter topic.
/// </summary>
public sealed class KafkaSoakTests
{
    private const int Events = 100_000;
    private const int Malformed = 1_000;

    [Fact]
    public async Task Hundred_thousand_events_through_Kafka_with_two_kill_9s_every_event_once_no_happening_with_two_incidents()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        await using var kafka = await KafkaMockProcess.StartAsync("city.events:8", "citybrain.incidents:4", "citybrain.dead-letters:2");
        var feed = await Bench.GenerateSyntheticAsync(Events, Malformed);
        var host = await HostProcess.StartAsync("nyc", null,
            "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}",
            "--Kafka:Enabled=true", $"--Kafka:BootstrapServers={kafka.BootstrapServers}",
            // A killed consumer holds its partitions until its session expires: keep that short for the test.
            "--Kafka:Client:session.timeout.ms=6000", "--Kafka:Client:heartbeat.interval.ms=1000");
        try
        {
            await Bench.MustRunAsync("publish", "replay", "--file", feed, "--via", "kafka", "--kafka", kafka.BootstrapServers, "--no-sse");
            foreach (var incidentsBeforeKill in new[] { 8_000, 16_000 })
            {
                await UntilIncidents(host, incidentsBeforeKill, TimeSpan.FromMinutes(10));
                await host.KillAsync();
                host = await HostProcess.RestartAsync(host);
            }

            var url = host.Http.BaseAddress!.ToString().TrimEnd('/');
            var (exit, check) = await Bench.RunAsync(TimeSpan.FromMinutes(20), "check-synthetic", "--input", feed, "--http", url, "--wait-seconds", "900", "--settle-seconds", "60");
            Assert.True(exit == 0, $"phase 'accounting after two kills':\n{check}\n--- host\n{Tail(host.Log)}");
            Assert.Contains($"{Events} of {Events} events accounted for once", check);
            Assert.Contains($"{Malformed} of {Malformed} malformed lines dead-lettered", check);

            // At least once: a line dead-lettered just before a kill may be there twice, so count distinct offsets.
            var letters = (await kafka.KcatAsync("-C", "-t", "citybrain.dead-letters", "-e", "-q", "-f", "%h\n")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(letters, h => Assert.Contains("citybrain-reason=", h));
            var origins = letters.Select(h => string.Join(',', h.Split(',').Where(p => p.StartsWith("citybrain-original-", StringComparison.Ordinal)).Order())).ToHashSet();
            Assert.Equal(Malformed, origins.Count);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task UntilIncidents(HostProcess host, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var total = 0L;
        while (DateTime.UtcNow < deadline)
        {
            var page = await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1");
            total = page.GetProperty("totalItems").GetInt64();
            if (total >= count) return;
            await Task.Delay(500);
        }

        Assert.Fail($"phase 'before a kill': only {total} of {count} incidents after {timeout.TotalMinutes:0} min\n{Tail(host.Log)}");
    }

    private static string Tail(string log) => log.Length > 6000 ? log[^6000..] : log;
}
