using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Dead-letter pages are small by default; one letter is fetched with its payload.</summary>
[Collection(ChengduHostCollection.Name)]
public sealed class DeadLetterEndpointTests(ChengduHostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task Pages_list_20_letters_without_payloads_by_default_and_one_letter_has_its_payload()
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var bad = Enumerable.Range(0, 25).Select(i => IngestEvents.Reading($"dl-{run}-{i}", $"e2e-dl-{run}").Replace("\"lat\":30.657689", "\"lat\":\"north\"")).ToList();
        await Publishers.PublishAsync(Host.MqttPort, $"city/dl-{run}/events", bad);
        await Poll.UntilAsync("25 dead letters listed", async () =>
            await IngestEvents.FindDeadLetter(Host.Http, l => l.GetProperty("eventId").GetString() == $"dl-{run}-24") is { } l ? l : null,
            TimeSpan.FromSeconds(30), () => Host.Log);

        var page = await Host.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters");
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(20, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal(JsonValueKind.Null, i.GetProperty("payloadText").ValueKind);
            Assert.Equal(JsonValueKind.Null, i.GetProperty("payloadBase64").ValueKind);
            Assert.Equal(64, i.GetProperty("payloadSha256").GetString()!.Length);
        });

        var second = await Host.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters?page=2&pageSize=5&includePayload=true");
        Assert.All(second.GetProperty("items").EnumerateArray(), i => Assert.NotEqual(JsonValueKind.Null, i.GetProperty("payloadText").ValueKind));

        var mine = (await IngestEvents.FindDeadLetter(Host.Http, l => l.GetProperty("eventId").GetString() == $"dl-{run}-3"))!.Value;
        var one = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{mine.GetProperty("id").GetString()}");
        Assert.Equal(bad[3], one.GetProperty("payloadText").GetString());
        Assert.Equal(bad[3].Length, one.GetProperty("payloadSize").GetInt64());
        Assert.False(one.GetProperty("payloadTruncated").GetBoolean());
        Assert.Equal("data.lat", one.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_letter_is_a_404_problem_and_a_malformed_id_or_page_size_a_400_naming_the_parameter()
    {
        using var unknown = await Host.Http.GetAsync($"/api/dead-letters/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        using var malformed = await Host.Http.GetAsync("/api/dead-letters/not-a-letter");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("id", out _));

        using var tooBig = await Host.Http.GetAsync("/api/dead-letters?pageSize=201");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.True((await tooBig.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("pageSize", out _));
    }
}
