using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.EndToEndTests;

/// <summary>
/// The issue-14 fuzz corpus (tests/Shared/MalformedPayloads.cs, over 1,000 malformed payloads) sent to one real
/// host over HTTP, MQTT (its embedded broker) and Kafka (the repository's Kafka-protocol broker), group by group.
/// After each group the host is still ready and a valid event sent over each transport is taken; no HTTP answer is
/// a 5xx; and at the end every MQTT and Kafka payload is a dead letter with a reason.
/// </summary>
public sealed class FuzzTests
{
    private const string Topic = "city/fuzz/events";
    private const string PointId = "fuzz-cam";

    [Fact]
    public async Task Over_a_thousand_malformed_payloads_over_HTTP_MQTT_and_Kafka_never_break_the_host_and_each_broker_one_is_a_dead_letter()
    {
        await using var kafka = await KafkaMockProcess.StartAsync("city.events:2", "citybrain.incidents:2", "citybrain.dead-letters:2");
        await using var host = await HostProcess.StartAsync("chengdu", null, "--Kafka:Enabled=true", $"--Kafka:BootstrapServers={kafka.BootstrapServers}",
            // Room for every letter of the run (about 7,000, the oversize ones at the 64 KiB prefix): this test counts them.
            "--Ingest:DeadLetterStoreBytes=1073741824");
        var corpus = MalformedPayloads.Chengdu();
        var groups = corpus.All().GroupBy(p => p.Group).ToList();
        Assert.True(groups.Sum(g => g.Count()) >= 1000);

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        // MQTT 3.1.1: the publisher learns no packet-size limit from the broker, so oversize payloads do reach it.
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.MqttPort).WithClientId($"fuzz-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(30)).Build());
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            MessageMaxBytes = 8 * 1024 * 1024,
            Acks = Acks.All,
        }).Build();

        var valid = 0;
        var mqttSent = 0;
        var kafkaSent = 0;
        var http5xx = new List<string>();
        foreach (var group in groups)
        {
            foreach (var (_, payload) in group)
            {
                var status = await PostAsync(host, payload);
                if ((int)status >= 500) http5xx.Add($"{group.Key}: {(int)status}");
                if (!mqtt.IsConnected) await mqtt.ReconnectAsync();
                await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                mqttSent++;
                await producer.ProduceAsync("city.events", new Message<Null, byte[]> { Value = payload });
                kafkaSent++;
            }

            // The whole group as one NDJSON batch and as one JSON array: refused or answered per item, never a 5xx.
            var payloads = group.Select(p => p.Payload).ToList();
            var ndjson = await PostAsync(host, Join(payloads, "", "\n", ""), "application/x-ndjson");
            if ((int)ndjson >= 500) http5xx.Add($"{group.Key} as NDJSON: {(int)ndjson}");
            var array = await PostAsync(host, Join(payloads, "[", ",", "]"));
            if ((int)array >= 500) http5xx.Add($"{group.Key} as a JSON array: {(int)array}");
            Assert.True(http5xx.Count == 0, $"5xx answers: {string.Join(", ", http5xx.Take(10))}\n{Tail(host)}");
            var ready = await host.Http.GetAsync("/health/ready");
            Assert.True(ready.IsSuccessStatusCode, $"not ready after group {group.Key}: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}\n{Tail(host)}");

            // A valid event over each transport after the group: all three are taken.
            Assert.Equal(HttpStatusCode.Accepted, await PostAsync(host, corpus.ValidEvent($"after-{group.Key}-http")));
            if (!mqtt.IsConnected) await mqtt.ReconnectAsync();
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(corpus.ValidEvent($"after-{group.Key}-mqtt"))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await producer.ProduceAsync("city.events", new Message<Null, byte[]> { Value = corpus.ValidEvent($"after-{group.Key}-kafka") });
            valid += 3;
            await Poll.UntilAsync($"valid events after group '{group.Key}' taken", async () =>
            {
                var point = await host.Http.GetFromJsonAsync<JsonElement>($"/api/points/{PointId}");
                return point.GetProperty("eventsAccepted").GetInt64() >= valid ? point : null;
            }, TimeSpan.FromSeconds(60), () => Tail(host));
        }

        // Every broker payload is a dead letter with a reason, counted by transport.
        var seen = new Dictionary<string, int>();
        var letters = await Poll.UntilAsync("every MQTT and Kafka payload dead-lettered", async () =>
        {
            seen = await DeadLettersByTransportAsync(host);
            return seen.GetValueOrDefault("mqtt") >= mqttSent && seen.GetValueOrDefault("kafka") >= kafkaSent
                ? JsonSerializer.SerializeToElement(seen)
                : null;
        }, TimeSpan.FromSeconds(120), () => $"sent {mqttSent} over MQTT and {kafkaSent} over Kafka; dead letters by transport: {JsonSerializer.Serialize(seen)}\n{Tail(host)}");
        Assert.Equal(mqttSent, letters.GetProperty("mqtt").GetInt32());
        Assert.Equal(kafkaSent, letters.GetProperty("kafka").GetInt32());
        var onTopic = (await kafka.KcatAsync("-C", "-t", "citybrain.dead-letters", "-e", "-q", "-f", "%h\n")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(kafkaSent, onTopic.Length);
        Assert.All(onTopic, h => Assert.Contains("citybrain-reason=", h));
        Assert.True((await host.Http.GetAsync("/health/ready")).IsSuccessStatusCode);
    }

    private static byte[] Join(IReadOnlyList<byte[]> payloads, string open, string separator, string close)
    {
        using var body = new MemoryStream();
        body.Write(System.Text.Encoding.UTF8.GetBytes(open));
        for (var i = 0; i < payloads.Count; i++)
        {
            if (i > 0) body.Write(System.Text.Encoding.UTF8.GetBytes(separator));
            body.Write(payloads[i]);
        }

        body.Write(System.Text.Encoding.UTF8.GetBytes(close));
        return body.ToArray();
    }

    private static async Task<HttpStatusCode> PostAsync(HostProcess host, byte[] payload, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await host.Http.PostAsync("/api/events", content);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return response.StatusCode;
    }

    /// <summary>Every dead letter's transport, read page by page (pages hold no payloads).</summary>
    private static async Task<Dictionary<string, int>> DeadLettersByTransportAsync(HostProcess host)
    {
        var counts = new Dictionary<string, int>();
        for (var page = 1; ; page++)
        {
            var body = await host.Http.GetFromJsonAsync<JsonElement>($"/api/dead-letters?page={page}&pageSize=200");
            var items = body.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("reason").GetString()));
                var transport = item.GetProperty("transport").GetString()!;
                counts[transport] = counts.GetValueOrDefault(transport) + 1;
            }

            if (items.Count < 200) return counts;
        }
    }

    private static string Tail(HostProcess host)
    {
        var log = host.Log;
        return log.Length <= 4000 ? log : log[^4000..];
    }
}
