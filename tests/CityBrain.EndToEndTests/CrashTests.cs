using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>
/// kill -9 of the only silo in the middle of an MQTT replay, then a restart on the same PostgreSQL database and
/// the same MQTT session. Nothing the broker acknowledged to the publisher may be lost: every row of the file
/// ends up as evidence of exactly one incident or as a dead letter, and every incident the live stream had shown
/// before the kill is back.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Kill_9_of_the_only_silo_during_an_MQTT_replay_loses_nothing()
    {
        var mosquitto = int.TryParse(Environment.GetEnvironmentVariable(ExternalBrokerTests.PortVariable), out var port)
            ? port
            : throw new InvalidOperationException($"{ExternalBrokerTests.PortVariable} is not set: run the tests with scripts/test.sh");
        await using var db = await TestDatabase.CreateAsync();
        var csv = RepoPaths.TestData("nyc311_2013-12-25_fullday.csv");
        var ndjson = Path.Combine(Directory.CreateTempSubdirectory("citybrain-crash-").FullName, "nyc311.ndjson");
        await Bench.MustRunAsync("convert", "convert-311", "--input", csv, "--output", ndjson);
        string[] durable = [$"--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}", $"--Mqtt:ClientId=citybrain-crash-{Guid.NewGuid():N}"];

        var host = await HostProcess.StartAsync("nyc", mosquitto, durable);
        var shown = new ConcurrentDictionary<string, byte>();
        var watching = WatchIncidents(host, shown);
        var replay = Bench.RunAsync(TimeSpan.FromMinutes(3), "replay", "--file", ndjson, "--via", "mqtt", "--mqtt-port", mosquitto.ToString(), "--rate", "2000", "--no-sse");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (shown.Count < 300 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(shown.Count >= 300, $"phase 'before the kill': only {shown.Count} incidents shown on the stream\n{host.Log}");
        await host.KillAsync();
        var shownBeforeKill = shown.Keys.ToArray();
        await watching;

        var (replayExit, replayOutput) = await replay;
        Assert.True(replayExit == 0, $"phase 'replay': {replayOutput}");

        await using var restarted = await HostProcess.RestartAsync(host);
        var url = restarted.Http.BaseAddress!.ToString().TrimEnd('/');
        var check = "";
        var checkDeadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < checkDeadline)
        {
            (var exit, check) = await Bench.RunAsync(TimeSpan.FromMinutes(2), "check-311", "--input", csv, "--http", url);
            if (exit == 0) break;
            await Task.Delay(2000);
        }

        Assert.True(check.Contains("2386 of 2386 rows accounted for", StringComparison.Ordinal), $"phase 'accounting after the restart':\n{check}\n{restarted.Log}");
        foreach (var id in shownBeforeKill)
        {
            var incident = await restarted.Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
            Assert.True(incident.GetProperty("evidence").GetArrayLength() > 0, $"incident {id} shown before the kill has no evidence after the restart");
        }
    }

    /// <summary>Collects the ids of incidents the live stream shows until the host goes away.</summary>
    private static async Task WatchIncidents(HostProcess host, ConcurrentDictionary<string, byte> shown)
    {
        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await client.GetAsync("/api/stream/incidents", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: {\"kind\"", StringComparison.Ordinal)) continue;
                using var change = JsonDocument.Parse(line["data: ".Length..]);
                shown.TryAdd(change.RootElement.GetProperty("incident").GetProperty("id").GetString()!, 0);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The host was killed: the stream ends here.
        }
    }
}
