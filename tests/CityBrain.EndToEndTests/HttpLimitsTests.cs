using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace CityBrain.EndToEndTests;

/// <summary>
/// A host on PostgreSQL with a small body limit (1 MiB): a 50 MB chunked body is cut off at the limit, not
/// buffered; paging far past the end is refused or empty, never a 500 from the database; and when grain storage
/// fails, a batch says which events were not taken instead of answering 500. One host for all three: each start
/// costs seconds on the shared 2 cores.
/// </summary>
public sealed class HttpLimitsTests(ITestOutputHelper output)
{
    private const int Limit = 1024 * 1024;

    /// <summary>Sends <paramref name="megabytes"/> MB of one endless JSON string, chunked (no Content-Length).</summary>
    private static async Task<(int Status, string Text)> PostChunkedAsync(HostProcess host, int megabytes)
    {
        var head = "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        return await RawHttp.SendAsync(host.HttpPort, head, async stream =>
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            var framing = Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
            await stream.WriteAsync("6\r\n{\"a\":\"\r\n"u8.ToArray());
            for (var sent = 0L; sent < megabytes * 1024L * 1024; sent += chunk.Length)
            {
                await stream.WriteAsync(framing);
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task On_PostgreSQL_a_50_MB_chunked_body_is_413_without_memory_growth_far_pages_are_refused_and_grain_faults_are_answered_per_event()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        await using var host = await HostProcess.StartAsync("chengdu", null, "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}", $"--Api:MaxEventsBodyBytes={Limit}");
        var pid = RawHttp.HostPid(host.HttpPort);

        // The first over-limit body warms the path (JIT, buffers); the second is measured.
        var (warmStatus, warmText) = await PostChunkedAsync(host, 4);
        Assert.True(warmStatus == 413, $"phase 'warm-up': {warmText}\n{host.Log}");
        var before = RawHttp.ResidentBytes(pid);
        var (status, text) = await PostChunkedAsync(host, 50);
        var after = RawHttp.ResidentBytes(pid);

        output.WriteLine($"RSS before {before / 1024} KiB, after {after / 1024} KiB");
        Assert.True(status == 413, $"phase '50 MB chunked': {text}\n{host.Log}");
        Assert.Contains($"body larger than {Limit} bytes (Api:MaxEventsBodyBytes)", text);
        Assert.Contains($"\"limit\":{Limit}", text);
        // Stated bound: the host may hold the limit (1 MiB) and its read buffers, never the 50 MB sent.
        Assert.True(after - before < 16 * 1024 * 1024, $"RSS grew by {(after - before) / 1024 / 1024} MB, from {before / 1024 / 1024} MB to {after / 1024 / 1024} MB");

        // Still serving: a valid event is taken.
        using var posted = await host.Http.PostAsync("/api/events", new StringContent(HttpBatchTests.Crowd($"after-{Guid.NewGuid():N}", "e2e-limits-cam"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        // Paging on PostgreSQL: far past the end is refused, the last allowed page is empty, not a database error.
        foreach (var list in new[] { "/api/incidents", "/api/dead-letters" })
        {
            using var refused = await host.Http.GetAsync($"{list}?page=2147483647&pageSize=200");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("page: must be between 1 and 1000000", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
            var last = await host.Http.GetFromJsonAsync<JsonElement>($"{list}?page=1000000&pageSize=200");
            Assert.Equal(0, last.GetProperty("items").GetArrayLength());
        }

        await Grain_faults_answer_207_naming_what_was_not_taken_and_503_when_nothing_was(host, db);
    }

    /// <summary>
    /// Last, as it breaks the host: grain storage gone, a new point's grain cannot activate, while an active sensor
    /// still records readings (no write). The batch is answered per event, never a 500.
    /// </summary>
    private static async Task Grain_faults_answer_207_naming_what_was_not_taken_and_503_when_nothing_was(HostProcess host, TestDatabase db)
    {
        static string Reading(string id) =>
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"e2e-limits","type":"city.sensor.reading","subject":"CD-SEN-0001","time":"{{{DateTimeOffset.UtcNow:O}}}","data":{"metric":"water_level_cm","value":3,"unit":"cm","lon":104.093586,"lat":30.555325,"crs":"gcj02"}}""";

        using var warm = await host.Http.PostAsync("/api/events", new StringContent(Reading($"warm-{Guid.NewGuid():N}"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, warm.StatusCode);
        await using (var rename = db.DataSource.CreateCommand("ALTER TABLE orleansstorage RENAME TO orleansstorage_gone"))
        {
            await rename.ExecuteNonQueryAsync();
        }

        var batch = Reading($"kept-{Guid.NewGuid():N}") + "\n" + HttpBatchTests.Crowd($"lost-{Guid.NewGuid():N}", $"e2e-new-cam-{Guid.NewGuid():N}");
        using var partly = await host.Http.PostAsync("/api/events", new StringContent(batch, Encoding.UTF8, "application/x-ndjson"));
        var text = await partly.Content.ReadAsStringAsync();
        Assert.True(partly.StatusCode == (HttpStatusCode)207, $"phase 'storage gone, batch': {(int)partly.StatusCode} {text}");
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal((1, 0, 1), (answer.GetProperty("taken").GetInt32(), answer.GetProperty("refused").GetInt32(), answer.GetProperty("notTaken").GetInt32()));
        Assert.Equal("taken", answer.GetProperty("items")[0].GetProperty("status").GetString());
        var lost = answer.GetProperty("items")[1];
        Assert.Equal("not_taken", lost.GetProperty("status").GetString());
        Assert.EndsWith("resending is safe: events are idempotent by source+id", lost.GetProperty("reason").GetString());

        using var single = await host.Http.PostAsync("/api/events", new StringContent(HttpBatchTests.Crowd($"lost-{Guid.NewGuid():N}", $"e2e-new-cam-{Guid.NewGuid():N}"), Encoding.UTF8, "application/json"));
        var problem = await single.Content.ReadAsStringAsync();
        Assert.True(single.StatusCode == HttpStatusCode.ServiceUnavailable, $"phase 'storage gone, one event': {(int)single.StatusCode} {problem}");
        Assert.Contains("not taken: ", problem);
    }
}
