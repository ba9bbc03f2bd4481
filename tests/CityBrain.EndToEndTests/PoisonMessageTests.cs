using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.EndToEndTests;

/// <summary>One bad message never stops MQTT ingest; readiness and liveness answer while it is handled.</summary>
[Collection(ChengduHostCollection.Name)]
public sealed class PoisonMessageTests(ChengduHostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task Latin1_report_over_MQTT_is_a_dead_letter_and_the_100_valid_events_after_it_are_all_taken()
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var topic = $"city/latin1-{run}/events";
        var sensor = $"e2e-latin1-{run}";
        var report = IngestEvents.Latin1Report($"latin1-{run}", sensor);

        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Host.MqttPort).WithClientId($"e2e-{run}").Build());
        var messages = new List<byte[]> { report };
        messages.AddRange(Enumerable.Range(0, 100).Select(i => Encoding.UTF8.GetBytes(IngestEvents.Reading($"ok-{run}-{i}", sensor))));
        foreach (var payload in messages)
        {
            var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True(result.IsSuccess, $"publish: {result.ReasonCode}");
        }

        await client.DisconnectAsync();

        await Poll.UntilAsync("all 100 valid events taken by their point", async () =>
            await IngestEvents.EventsAccepted(Host.Http, sensor) is 100 ? JsonDocument.Parse("true").RootElement : null,
            TimeSpan.FromSeconds(60), () => Host.Log);
        var letter = await Poll.UntilAsync("the Latin-1 report listed as a dead letter", () => IngestEvents.FindDeadLetter(Host.Http, l => l.GetProperty("origin").GetString() == topic),
            TimeSpan.FromSeconds(30), () => Host.Log);
        Assert.Equal("mqtt", letter.GetProperty("transport").GetString());
        Assert.Equal(report.Length, letter.GetProperty("payloadSize").GetInt64());

        var one = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{letter.GetProperty("id").GetString()}");
        Assert.Equal(Convert.ToBase64String(report), one.GetProperty("payloadBase64").GetString());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("payloadText").ValueKind);

        // The message was handled without a reconnect loop, and the broker was never called unreachable.
        Assert.DoesNotContain("not reachable", Host.Log);
        using var ready = await Host.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Liveness_runs_no_checks_and_readiness_runs_the_ingest_transport_checks()
    {
        using var live = await Host.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        using var ready = await Host.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var all = await Host.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }
}
