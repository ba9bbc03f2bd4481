using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>The host subscribing at a real external broker (mosquitto, started by the test command) instead of its own.</summary>
public sealed class ExternalBrokerTests
{
    public const string PortVariable = "CITYBRAIN_TEST_MOSQUITTO_PORT";

    /// <summary>The port of the mosquitto the test command started.</summary>
    public static int MosquittoPort() =>
        int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port)
            ? port
            : throw new InvalidOperationException($"{PortVariable} is not set: run the tests with scripts/test.sh, which installs and starts mosquitto");

    [Fact]
    public async Task Host_takes_events_from_mosquitto_and_dead_letters_invalid_ones()
    {
        var port = MosquittoPort();
        await using var host = await HostProcess.StartAsync("nyc", externalMqttPort: port);
        var id = $"ext-{Guid.NewGuid():N}";
        var good = $$$"""
            {"specversion":"1.0","id":"{{{id}}}","source":"dot","type":"city.camera.detection","subject":"368","time":"{{{DateTimeOffset.UtcNow:O}}}",
             "data":{"category":"crowd","confidence":0.8,"lon":-73.9857,"lat":40.7484}}
            """;
        var bad = good.Replace(id, id + "-bad").Replace("\"lat\":40.7484", "\"lat\":\"north\"");

        await Publishers.MosquittoPubAsync(port, "city/dot/events", good);
        await Publishers.PublishAsync(port, "city/dot/events", [bad]);

        var incident = await Poll.UntilAsync("event reaches an incident through mosquitto", async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonElement>("/api/incidents?region=105&category=crowd");
            return page.GetProperty("items").GetArrayLength() > 0 ? page : (JsonElement?)null;
        }, TimeSpan.FromSeconds(30), () => host.Log);
        Assert.Equal(["NYC", "1", "105"], incident.GetProperty("items")[0].GetProperty("regions").EnumerateArray().Select(r => r.GetString()));

        var letters = await Poll.UntilAsync("invalid message dead-lettered", async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters");
            return page.GetProperty("items").EnumerateArray().FirstOrDefault(l => l.GetProperty("eventId").GetString() == id + "-bad") is { ValueKind: JsonValueKind.Object } l ? l : (JsonElement?)null;
        }, TimeSpan.FromSeconds(20), () => host.Log);
        Assert.Equal("data.lat", letters.GetProperty("field").GetString());

        var camera = await host.Http.GetFromJsonAsync<JsonElement>("/api/points/368");
        Assert.False(camera.GetProperty("provisional").GetBoolean());
    }
}
