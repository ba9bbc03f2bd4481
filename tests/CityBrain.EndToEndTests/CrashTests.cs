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
        var mosquitto = ExternalBrokerTests.MosquittoPort();
        await using var db = await TestDatabase.CreateEmptyAsync();
        var ndjson = await Bench.ConvertNyc311Async();
        string[] durable = [$"--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}", $"--Mqtt:ClientId=citybrain-crash-{Guid.NewGuid():N}"];

        var host = await HostProcess.StartAsync("nyc", mosquitto, durable);
        var shown = new ConcurrentDictionary<string, byte>();
        var watching = WatchIncidents(host, shown);
        var replay = ReplayAt2000PerSecond(ndjson, mosquitto);
        await UntilShown(shown, 300);
        Assert.True(shown.Count >= 300, $"phase 'before the kill': only {shown.Count} incidents shown on the stream\n{host.Log}");
        await host.KillAsync();
        var shownBeforeKill = shown.Keys.ToArray();
        await watching;

        var (replayExit, replayOutput) = await replay;
        Assert.True(replayExit == 0, $"phase 'replay': {replayOutput}");

        await using var restarted = await HostProcess.RestartAsync(host);
        var url = restarted.Http.BaseAddress!.ToString().TrimEnd('/');
        var check = await AccountingAsync(url);

        Assert.True(check.Contains("2386 of 2386 rows accounted for", StringComparison.Ordinal), $"phase 'accounting after the restart':\n{check}\n{restarted.Log}");
        await AssertBackWithEvidenceAndAudit(restarted.Http, shownBeforeKill);
    }

    [Fact]
    public async Task Three_silos_one_killed_the_others_take_over_its_grains_within_30_seconds_and_nothing_is_lost()
    {
        var mosquitto = ExternalBrokerTests.MosquittoPort();
        await using var db = await TestDatabase.CreateEmptyAsync();
        var ndjson = await Bench.ConvertNyc311Async();
        var cluster = $"failover-{Guid.NewGuid():N}";
        string[] node = [$"--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}", $"--Orleans:ClusterId={cluster}", $"--Mqtt:SharedSubscriptionGroup={cluster}"];

        await using var first = await HostProcess.StartAsync("nyc", mosquitto, node);
        await using var second = await HostProcess.StartAsync("nyc", mosquitto, node);
        var third = await HostProcess.StartAsync("nyc", mosquitto, node);
        var shown = new ConcurrentDictionary<string, byte>();
        var watching = WatchIncidents(first, shown);
        var replay = ReplayAt2000PerSecond(ndjson, mosquitto);
        await UntilShown(shown, 300);
        Assert.True(shown.Count >= 300, $"phase 'before the kill': only {shown.Count} incidents shown on the stream");
        await third.KillAsync();
        var killedAt = DateTime.UtcNow;
        var shownBeforeKill = shown.Keys.ToArray();

        // Every incident shown so far must be served by the survivors, wherever its grain was.
        var pending = new HashSet<string>(shownBeforeKill);
        while (pending.Count > 0 && DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(30))
        {
            foreach (var id in pending.ToArray())
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{id}");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    using var response = await (id.GetHashCode() % 2 == 0 ? first : second).Http.SendAsync(request, timeout.Token);
                    if (response.IsSuccessStatusCode) pending.Remove(id);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                }
            }
        }

        var takeover = DateTime.UtcNow - killedAt;
        Assert.True(pending.Count == 0, $"phase 'takeover': {pending.Count} of {shownBeforeKill.Length} incidents not served {takeover.TotalSeconds:0.0} s after the kill");
        var (replayExit, replayOutput) = await replay;
        Assert.True(replayExit == 0, $"phase 'replay': {replayOutput}");

        // The killed node's broker session still holds what it had not acknowledged; a supervisor restarts it.
        await using var restarted = await HostProcess.RestartAsync(third);
        var check = await AccountingAsync(first.Http.BaseAddress!.ToString().TrimEnd('/'));

        Assert.True(check.Contains("2386 of 2386 rows accounted for", StringComparison.Ordinal),
            $"phase 'accounting after the failover':\n{check}\n--- first\n{Tail(first.Log)}\n--- second\n{Tail(second.Log)}\n--- restarted\n{Tail(restarted.Log)}");
        await AssertBackWithEvidenceAndAudit(second.Http, shownBeforeKill);
        await first.DisposeAsync();
        await watching;
    }

    /// <summary>
    /// Issue 14, point 10: a kill -9 during a large HTTP batch on PostgreSQL can fall between an incident's journal
    /// write (read-model row, "opened" audit) and its grain state write. After the restart, every incident the
    /// list and the region counts show must open, and the state sweep must have confirmed every row.
    /// </summary>
    [Fact]
    public async Task Kill_9_during_an_HTTP_batch_on_PostgreSQL_leaves_no_listed_incident_whose_page_cannot_open()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var feed = await Bench.GenerateSyntheticAsync(10_000, 0);
        var host = await HostProcess.StartAsync("nyc", null, "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}",
            // The generated feed is 10,000 events plus the resends a producer makes: more than one batch may hold by default.
            "--Api:MaxEventsPerBatch=100000");
        try
        {
            using var poster = new HttpClient { BaseAddress = host.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var batch = PostIgnoringTheKill(poster, await File.ReadAllTextAsync(feed));
            var deadline = DateTime.UtcNow.AddSeconds(90);
            var opened = 0L;
            while (opened < 300 && !batch.IsCompleted && DateTime.UtcNow < deadline)
            {
                opened = (await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("totalItems").GetInt64();
                if (opened < 300) await Task.Delay(20);
            }

            if (batch.IsCompleted) Assert.Fail($"phase 'before the kill': the batch was answered ({await batch}) with {opened} incidents listed; the kill would not fall inside it");
            await host.KillAsync();
            await batch;
            var killed = host;
            host = await HostProcess.RestartAsync(killed);
            await killed.DisposeAsync();

            // The sweep leaves rows changed within its settle time for a pass after the one at start.
            var unconfirmed = -1L;
            var sweepDeadline = DateTime.UtcNow.AddSeconds(100);
            while (unconfirmed != 0 && DateTime.UtcNow < sweepDeadline)
            {
                unconfirmed = await db.ScalarAsync<long>("SELECT count(*) FROM incidents WHERE NOT state_confirmed");
                if (unconfirmed != 0) await Task.Delay(500);
            }

            Assert.True(unconfirmed == 0, $"phase 'state sweep': {unconfirmed} incident rows still unconfirmed\n{Tail(host.Log)}");

            // Lists and counts are read one after the other: read both again if a change fell between them.
            var (listed, counted) = await OpenListedAndCounted(host.Http);
            for (var attempt = 0; attempt < 20 && listed.Count != counted; attempt++)
            {
                await Task.Delay(500);
                (listed, counted) = await OpenListedAndCounted(host.Http);
            }

            Assert.True(listed.Count == counted, $"phase 'counts after the restart': {listed.Count} open incidents listed, {counted} counted");
            var unopenable = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            {
                using var response = await host.Http.GetAsync($"/api/incidents/{id}", ct);
                if (!response.IsSuccessStatusCode) unopenable.Add($"{id}: {(int)response.StatusCode}");
            });
            var restored = await db.ScalarAsync<long>("SELECT count(*) FROM incident_audit WHERE kind = 'restored'");
            Assert.True(unopenable.IsEmpty, $"phase 'pages after the restart': {unopenable.Count} of {listed.Count} listed incidents do not open ({restored} restored): {string.Join(", ", unopenable.Take(10))}\n{Tail(host.Log)}");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The ids of the open incidents the list shows, and the open incidents the city's region count shows.</summary>
    private static async Task<(List<string> Listed, int Counted)> OpenListedAndCounted(HttpClient api)
    {
        var listed = new List<string>();
        for (var page = 1; ; page++)
        {
            var items = (await api.GetFromJsonAsync<JsonElement>($"/api/incidents?status=open&pageSize=500&page={page}")).GetProperty("items");
            listed.AddRange(items.EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            if (items.GetArrayLength() < 500) break;
        }

        var counted = (await api.GetFromJsonAsync<JsonElement>("/api/regions?depth=0")).GetProperty("openIncidents").GetInt32();
        return (listed, counted);
    }

    /// <summary>The batch's answer, or the failure the kill gave it.</summary>
    private static async Task<string> PostIgnoringTheKill(HttpClient client, string ndjson)
    {
        try
        {
            using var response = await client.PostAsync("/api/events", new StringContent(ndjson, System.Text.Encoding.UTF8, "application/x-ndjson"));
            return $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return $"cut off: {e.GetType().Name}";
        }
    }

    private static async Task AssertBackWithEvidenceAndAudit(HttpClient api, IEnumerable<string> shownBeforeKill)
    {
        foreach (var id in shownBeforeKill)
        {
            var incident = await api.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
            Assert.True(incident.GetProperty("evidence").GetArrayLength() > 0, $"incident {id} shown before the kill has no evidence now");
            Assert.Equal("opened", incident.GetProperty("audit")[0].GetProperty("kind").GetString());
        }
    }

    private static Task<(int Exit, string Output)> ReplayAt2000PerSecond(string ndjson, int mosquitto) =>
        Bench.RunAsync(TimeSpan.FromMinutes(3), "replay", "--file", ndjson, "--via", "mqtt", "--mqtt-port", mosquitto.ToString(), "--rate", "2000", "--no-sse");

    private static async Task UntilShown(ConcurrentDictionary<string, byte> shown, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (shown.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    /// <summary>check-311's report once every row is accounted for, or its last report after two minutes.</summary>
    private static async Task<string> AccountingAsync(string url)
    {
        var check = "";
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            (var exit, check) = await Bench.RunAsync(TimeSpan.FromMinutes(2), "check-311", "--input", Bench.Nyc311Csv, "--http", url);
            if (exit == 0) break;
            await Task.Delay(2000);
        }

        return check;
    }

    private static string Tail(string log) => log.Length > 6000 ? log[^6000..] : log;

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
