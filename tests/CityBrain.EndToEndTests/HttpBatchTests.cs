using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.EndToEndTests;

/// <summary>
/// <c>POST /api/events</c> batches answered per event, body limits and refusal wording, on the in-memory host. (List query
/// bounds and the OpenAPI document are checked in-process: CityBrain.IntegrationTests/Api.)
/// </summary>
[Collection(ChengduHostCollection.Name)]
public sealed class HttpBatchTests(ChengduHostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    /// <summary>A crowd detection in 锦江区 (GCJ-02), one line.</summary>
    internal static string Crowd(string id, string camera) =>
        CloudEventBuilder.Detection("crowd").Id(id).Source("e2e-batch").Subject(camera).At(104.0795, 30.6571, "gcj02").ToJson();

    private Task<HttpResponseMessage> Post(string body, string contentType, string query = "") =>
        Host.Http.PostAsync($"/api/events{query}", new StringContent(body, Encoding.UTF8, contentType));


    [Fact]
    public async Task A_batch_of_100_with_one_invalid_event_takes_99_and_lists_the_invalid_one_by_index_as_a_dead_letter()
    {
        var run = Guid.NewGuid().ToString("N");
        var lines = Enumerable.Range(0, 100).Select(i => Crowd($"b-{run}-{i}", $"e2e-batch-cam-{i % 5}")).ToArray();
        lines[37] = lines[37].Replace("\"lon\":104.0795,", "");
        using var response = await Post(string.Join("\n", lines), "application/x-ndjson");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == (HttpStatusCode)207, $"{(int)response.StatusCode}: {text}");
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal((100, 99, 1, 0), (answer.GetProperty("received").GetInt32(), answer.GetProperty("taken").GetInt32(), answer.GetProperty("refused").GetInt32(), answer.GetProperty("notTaken").GetInt32()));
        var items = answer.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(0, 100), items.Select(i => i.GetProperty("index").GetInt32()));
        var refused = items[37];
        Assert.Equal(("refused", $"b-{run}-37", "data.lon"), (refused.GetProperty("status").GetString(), refused.GetProperty("eventId").GetString(), refused.GetProperty("field").GetString()));
        Assert.Equal("data.lon", refused.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.All(items.Where((_, i) => i != 37), i => Assert.Equal("taken", i.GetProperty("status").GetString()));
        Assert.Equal(99, answer.GetProperty("openedIncidents").GetInt32() + answer.GetProperty("attachedToIncidents").GetInt32());

        var letters = await Host.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters?pageSize=200&includePayload=true");
        var letter = letters.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("eventId").GetString() == $"b-{run}-37");
        Assert.Equal(("http", "POST /api/events [37]", "data.lon"), (letter.GetProperty("transport").GetString(), letter.GetProperty("origin").GetString(), letter.GetProperty("field").GetString()));
        Assert.Equal(lines[37], letter.GetProperty("payloadText").GetString());

        // The same events again: the point grains know them, and say so per event.
        var valid = lines.Where((_, i) => i != 37).ToArray();
        using var again = await Post("[" + string.Join(",", valid) + "]", "application/cloudevents-batch+json");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((99, 99), (repeat.GetProperty("taken").GetInt32(), repeat.GetProperty("duplicates").GetInt32()));
        Assert.All(repeat.GetProperty("items").EnumerateArray(), i => Assert.Equal("duplicate", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task An_atomic_batch_with_an_invalid_event_is_refused_whole_and_nothing_is_taken()
    {
        var run = Guid.NewGuid().ToString("N");
        var lines = Enumerable.Range(0, 3).Select(i => Crowd($"a-{run}-{i}", $"e2e-atomic-{run}-{i}")).ToArray();
        lines[1] = lines[1].Replace("\"lon\":104.0795,", "");
        using var response = await Post(string.Join("\n", lines), "application/x-ndjson", "?atomic=true");

        var problem = await ProblemAnswer.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].data.lon", out _));
        Assert.StartsWith("1 of 3 events are invalid; none was taken.", problem.GetProperty("title").GetString());
        foreach (var camera in new[] { $"e2e-atomic-{run}-0", $"e2e-atomic-{run}-2" })
        {
            using var point = await Host.Http.GetAsync($"/api/points/{camera}");
            Assert.Equal(HttpStatusCode.NotFound, point.StatusCode);
        }
    }

    [Fact]
    public async Task Empty_binary_and_malformed_bodies_are_refused_with_their_own_wording()
    {
        var empty = await ProblemAnswer.ReadAsync(await Post("", "application/json"), HttpStatusCode.BadRequest);
        Assert.Equal("$: empty body: send one CloudEvent (JSON object), a JSON array of them, or NDJSON", empty.GetProperty("title").GetString());

        using var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        png.Headers.ContentType = new("application/json");
        var binary = (await ProblemAnswer.ReadAsync(await Host.Http.PostAsync("/api/events", png), HttpStatusCode.BadRequest)).GetProperty("title").GetString();
        Assert.Equal("$: the body is binary, not UTF-8 JSON text: byte 1 (counted from 1) is 0x89; send CloudEvents as UTF-8 JSON", binary);

        var truncated = (await ProblemAnswer.ReadAsync(await Post("{\"specversion\":\"1.0\",", "application/json"), HttpStatusCode.BadRequest)).GetProperty("title").GetString()!;
        Assert.StartsWith("$: not valid JSON at line 1, byte ", truncated);
        Assert.Contains("(both counted from 1)", truncated);
        Assert.DoesNotContain("LineNumber", truncated);
        Assert.DoesNotContain("ndjson", truncated);

        var unsaid = (await ProblemAnswer.ReadAsync(await Post(Crowd("x1", "c") + "\n" + Crowd("x2", "c"), "application/json"), HttpStatusCode.BadRequest)).GetProperty("title").GetString();
        Assert.EndsWith("send it with Content-Type application/x-ndjson", unsaid);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_413_at_once_without_the_body_being_sent()
    {
        var head = $"POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {16 * 1024 * 1024 + 1}\r\n\r\n";
        var (status, text) = await RawHttp.SendAsync(Host.HttpPort, head, writeBody: null, TimeSpan.FromSeconds(20));

        Assert.True(status == 413, text);
        Assert.Contains("application/problem+json", text);
        Assert.Contains("body larger than 16777216 bytes (Api:MaxEventsBodyBytes)", text);
        Assert.Contains("\"limit\":16777216", text);
    }

    [Fact]
    public async Task A_50_MB_chunked_body_is_413_at_the_default_16_MiB_limit_not_a_500_at_the_servers_30_MB()
    {
        var head = "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n";
        var line = Encoding.ASCII.GetBytes(Crowd("big", "e2e-big-cam") + "\n");
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Encoding.ASCII.GetString(line), 64 * 1024 / line.Length)));
        var (status, text) = await RawHttp.SendAsync(Host.HttpPort, head, async stream =>
        {
            var framing = Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
            for (var sent = 0L; sent < 50L * 1024 * 1024; sent += chunk.Length)
            {
                await stream.WriteAsync(framing);
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }, TimeSpan.FromSeconds(60));

        Assert.True(status == 413, text);
        Assert.Contains("body larger than 16777216 bytes (Api:MaxEventsBodyBytes)", text);
    }
}
