using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.EndToEndTests;

[Collection(ChengduHostCollection.Name)]
public sealed class EmbeddedHostTests(ChengduHostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    /// <summary>A GCJ-02 point of 锦江区 (the district file's own centre of 510104).</summary>
    private static string SmokeFire(string id, string camera, string? extra = null) => $$$"""
        {"specversion":"1.0","id":"{{{id}}}","source":"e2e","type":"city.camera.detection","subject":"{{{camera}}}","time":"{{{DateTimeOffset.UtcNow:O}}}",
         "data":{"category":"smoke_fire","confidence":0.93,"lon":104.080989,"lat":30.657689,"crs":"gcj02"{{{extra}}}}}
        """;

    private async Task<JsonElement?> FindIncidentWithEvidence(string eventId)
    {
        var page = await Host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?region=510104&category=smoke_fire&pageSize=500");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            var detail = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{item.GetProperty("id").GetString()}");
            if (detail.GetProperty("evidence").EnumerateArray().Any(e => e.GetProperty("id").GetString() == eventId)) return detail;
        }

        return null;
    }

    private Task<JsonElement> WaitForEvidence(string eventId) =>
        Poll.UntilAsync($"event {eventId} becomes evidence of an incident", () => FindIncidentWithEvidence(eventId), TimeSpan.FromSeconds(30), () => Host.Log);

    [Fact]
    public async Task Detection_published_with_an_MQTT_client_makes_an_incident_in_Jinjiang()
    {
        var id = $"mqtt-{Guid.NewGuid():N}";
        await Publishers.PublishAsync(Host.MqttPort, "city/e2e/events", [SmokeFire(id, "e2e-cam-1")]);

        var detail = await WaitForEvidence(id);
        var regions = detail.GetProperty("incident").GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToArray();
        Assert.Equal("510100", regions[0]);
        Assert.Equal("510104", regions[1]);
    }

    [Fact]
    public async Task Plain_mosquitto_pub_reaches_the_embedded_broker()
    {
        var id = $"mosq-{Guid.NewGuid():N}";
        await Publishers.MosquittoPubAsync(Host.MqttPort, "city/test/events", SmokeFire(id, "e2e-cam-2"));
        await WaitForEvidence(id);

        var point = await Host.Http.GetFromJsonAsync<JsonElement>("/api/points/e2e-cam-2");
        Assert.True(point.GetProperty("provisional").GetBoolean());
        Assert.Contains(point.GetProperty("regions").EnumerateArray(), r => r.GetProperty("code").GetString() == "510104");
    }

    [Fact]
    public async Task Invalid_MQTT_message_is_dead_lettered_with_its_raw_bytes_topic_and_reason()
    {
        var id = $"bad-{Guid.NewGuid():N}";
        var payload = SmokeFire(id, "e2e-cam-3").Replace("\"lon\":104.080989,", "");
        await Publishers.PublishAsync(Host.MqttPort, "city/e2e-bad/events", [payload]);

        var letter = await Poll.UntilAsync("dead letter listed", async () =>
        {
            var page = await Host.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters?pageSize=200");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("eventId").GetString() == id) return item;
            }

            return null;
        }, TimeSpan.FromSeconds(20), () => Host.Log);
        Assert.Equal("data.lon", letter.GetProperty("field").GetString());
        Assert.Equal("city/e2e-bad/events", letter.GetProperty("origin").GetString());
        Assert.Equal("mqtt", letter.GetProperty("transport").GetString());
        // A page lists letters without payloads; the letter itself has the raw bytes.
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("payloadText").ValueKind);
        var one = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{letter.GetProperty("id").GetString()}");
        Assert.Equal(payload, one.GetProperty("payloadText").GetString());
    }

    [Fact]
    public async Task Ingest_progress_counts_every_MQTT_message_finished_taken_or_dead_lettered()
    {
        var before = await Progress();
        var good = SmokeFire($"progress-{Guid.NewGuid():N}", "e2e-cam-progress-1");
        var bad = SmokeFire($"progress-bad-{Guid.NewGuid():N}", "e2e-cam-progress-1").Replace("\"lon\":104.080989,", "");
        await Publishers.PublishAsync(Host.MqttPort, "city/e2e-progress/events", [good, bad, SmokeFire($"progress-{Guid.NewGuid():N}", "e2e-cam-progress-2")]);

        var after = await Poll.UntilAsync("three more MQTT messages finished and none waiting", Progress,
            p => p["mqtt"].Finished >= before["mqtt"].Finished + 3 && p["mqtt"].Waiting == 0, TimeSpan.FromSeconds(30), () => Host.Log);

        Assert.Equal(before["mqtt"].Finished + 3, after["mqtt"].Finished);
        // The two valid ones went to the grains through the queue; the refused one did not.
        Assert.Equal(before["queue"].Finished + 2, after["queue"].Finished);
        Assert.Equal(before["kafka"], after["kafka"]);
    }

    private async Task<Dictionary<string, (long Finished, int Waiting)>> Progress()
    {
        var answer = await Host.Http.GetFromJsonAsync<JsonElement>("/api/ingest/progress");
        return answer.GetProperty("transports").EnumerateArray().ToDictionary(
            t => t.GetProperty("name").GetString()!, t => (t.GetProperty("finished").GetInt64(), t.GetProperty("waiting").GetInt32()));
    }

    [Fact]
    public async Task Http_post_of_an_invalid_event_answers_problem_json_naming_the_field()
    {
        var body = SmokeFire($"http-{Guid.NewGuid():N}", "e2e-cam-4").Replace("\"confidence\":0.93", "\"confidence\":7");
        using var response = await Host.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("data.confidence", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("data.confidence", out _));
    }

    [Fact]
    public async Task Http_post_of_an_ndjson_batch_is_taken_and_a_bad_line_is_refused_alone()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => $"nd-{Guid.NewGuid():N}").ToArray();
        var good = string.Join("\n", ids.Select((id, i) => SmokeFire(id, $"e2e-cam-nd-{i}").ReplaceLineEndings(" ")));
        using var accepted = await Host.Http.PostAsync("/api/events", new StringContent(good, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, 3), (receipt.GetProperty("received").GetInt32(), receipt.GetProperty("taken").GetInt32()));
        await WaitForEvidence(ids[2]);

        var bad = good + "\n" + SmokeFire($"nd-{Guid.NewGuid():N}", "y").ReplaceLineEndings(" ").Replace("\"subject\":\"y\",", "");
        using var partly = await Host.Http.PostAsync("/api/events", new StringContent(bad, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal((HttpStatusCode)207, partly.StatusCode);
        var answer = await partly.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, 1), (answer.GetProperty("duplicates").GetInt32(), answer.GetProperty("refused").GetInt32()));
        Assert.Equal(("refused", "subject"), (answer.GetProperty("items")[3].GetProperty("status").GetString(), answer.GetProperty("items")[3].GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Live_stream_delivers_the_incident_change_filtered_by_region()
    {
        using var stream = new HttpClient { BaseAddress = Host.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream/incidents?region=510104");
        using var response = await stream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: ready", await reader.ReadLineAsync());

        var id = $"sse-{Guid.NewGuid():N}";
        using var posted = await Host.Http.PostAsync("/api/events", new StringContent(SmokeFire(id, "e2e-cam-5"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || !line.Contains(id, StringComparison.Ordinal)) continue;
            var change = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            Assert.Contains(change.GetProperty("kind").GetString(), new[] { "opened", "evidenceAttached" });
            Assert.Equal(id, change.GetProperty("cause").GetProperty("id").GetString());
            return;
        }

        Assert.Fail("phase 'stream': the change never arrived");
    }

    [Fact]
    public async Task Region_tree_lists_the_20_districts_with_live_counts()
    {
        var tree = await Host.Http.GetFromJsonAsync<JsonElement>("/api/regions");
        Assert.Equal("510100", tree.GetProperty("code").GetString());
        Assert.Equal(20, tree.GetProperty("children").GetArrayLength());
        var jinjiang = await Host.Http.GetFromJsonAsync<JsonElement>("/api/regions/510104");
        Assert.Equal("锦江区", jinjiang.GetProperty("name").GetString());
        Assert.True(jinjiang.GetProperty("children").GetArrayLength() > 10);
        using var missing = await Host.Http.GetAsync("/api/regions/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Case_actions_over_http_are_conditional_on_the_etag_and_refusals_name_the_stage_and_allowed_actions()
    {
        var id = $"res-{Guid.NewGuid():N}";
        // Far from the other tests' fire, so this incident is its own.
        using var posted = await Host.Http.PostAsync("/api/events", new StringContent(SmokeFire(id, "e2e-cam-6").Replace("104.080989", "104.0730"), Encoding.UTF8, "application/json"));
        var detail = await WaitForEvidence(id);
        var incidentId = detail.GetProperty("incident").GetProperty("id").GetString();
        using var first = await Host.Http.GetAsync($"/api/incidents/{incidentId}");
        var etag = first.Headers.ETag!.Tag;

        using var accepted = await Act(incidentId!, "accept", etag, new { actor = "operator-1", role = "operator" });
        using var raced = await Act(incidentId!, "reject", etag, new { actor = "operator-2", role = "operator", reason = "false alarm" });
        using var illegal = await Act(incidentId!, "passVerification", null, new { actor = "operator-2", role = "operator", reason = "looks fine" });
        using var noActor = await Act(incidentId!, "dispatch", null, new { role = "operator" });
        using var unknown = await Act(incidentId!, "teleport", null, new { actor = "operator-2", role = "operator" });
        using var badTag = await Act(incidentId!, "dispatch", "W/\"2\"", new { actor = "operator-2", role = "operator" });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotEqual(etag, accepted.Headers.ETag!.Tag);
        Assert.Equal("accepted", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incident").GetProperty("stage").GetString());
        var conflict = await ProblemAnswer.ReadAsync(raced, HttpStatusCode.Conflict);
        Assert.Equal("caseVersionChanged", conflict.GetProperty("reason").GetString());
        Assert.Equal(accepted.Headers.ETag!.Tag, raced.Headers.ETag!.Tag);
        var refused = await ProblemAnswer.ReadAsync(illegal, HttpStatusCode.Conflict);
        Assert.Equal("accepted", refused.GetProperty("stage").GetString());
        Assert.Equal(["dispatch", "escalate", "suspend", "merge", "split"], refused.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("PassVerification is not allowed", refused.GetProperty("title").GetString());
        Assert.Contains("actor", (await ProblemAnswer.ReadAsync(noActor, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("startWork", (await ProblemAnswer.ReadAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        Assert.Contains("If-Match", (await ProblemAnswer.ReadAsync(badTag, HttpStatusCode.BadRequest)).GetProperty("title").GetString());

        var timeline = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}/timeline");
        var kinds = timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["opened", "accepted"], kinds.Where(k => k != "evidence"));
        Assert.Contains("evidence", kinds);
        var acceptedEntry = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "accepted");
        Assert.Equal(("operator-1", "operator", "detected", "accepted"), (acceptedEntry.GetProperty("actor").GetString(), acceptedEntry.GetProperty("role").GetString(),
            acceptedEntry.GetProperty("stageBefore").GetString(), acceptedEntry.GetProperty("stageAfter").GetString()));
    }

    [Fact]
    public async Task Kpis_over_http_count_a_categorys_cases_by_department_and_refuse_bad_parameters()
    {
        var category = $"kpi_probe_{Guid.NewGuid():N}";
        var id = $"kpi-{Guid.NewGuid():N}";
        using var posted = await Host.Http.PostAsync("/api/events", new StringContent(SmokeFire(id, "e2e-cam-7").Replace("smoke_fire", category), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var listed = await Poll.UntilAsync("the probe incident is listed", async () =>
        {
            var page = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents?category={category}");
            return page.GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault();
        }, TimeSpan.FromSeconds(30));
        var incidentId = listed.GetProperty("id").GetString()!;
        using var rejected = await Act(incidentId, "reject", null, new { actor = "operator-1", role = "operator", reason = "test probe" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var report = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/kpis?category={category}&groupBy=department&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}");
        var total = report.GetProperty("total");
        Assert.Equal((1, 1, 0), (total.GetProperty("incidents").GetInt32(), total.GetProperty("rejected").GetInt32(), total.GetProperty("closed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, total.GetProperty("closureRate").ValueKind);
        Assert.Equal(1, total.GetProperty("onTime").GetProperty("accept").GetProperty("onTime").GetInt32());
        Assert.Single(report.GetProperty("groups").EnumerateArray());

        foreach (var (query, field) in new[] { ("groupBy=weekday", "groupBy"), ("from=yesterday", "from"), ("region=nowhere", "region"), ("from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z", "to") })
        {
            using var bad = await Host.Http.GetAsync($"/api/kpis?{query}");
            Assert.Contains(field, (await ProblemAnswer.ReadAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    private async Task<HttpResponseMessage> Act(string incidentId, string action, string? ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incidentId}/actions/{action}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Host.Http.SendAsync(request);
    }


    [Fact]
    public async Task OpenAPI_document_describes_the_api()
    {
        var doc = await Host.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/events", "/api/incidents", "/api/incidents/{id}", "/api/incidents/{id}/timeline", "/api/incidents/{id}/actions/{action}", "/api/kpis", "/api/regions", "/api/points/{id}", "/api/dead-letters", "/api/dead-letters/{id}", "/api/ingest/progress", "/api/stream/incidents" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from OpenAPI");
        }
    }
}
