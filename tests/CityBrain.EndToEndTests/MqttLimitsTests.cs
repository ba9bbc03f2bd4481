using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.EndToEndTests;

/// <summary>The embedded broker's limits, on a host of its own so its memory is measured alone.</summary>
public sealed class MqttLimitsTests
{
    /// <summary>
    /// The stated bound: 100 messages of 3 MiB (300 MiB in all) may grow the host's resident memory by less than
    /// this. Before the limit, five 30 MB messages grew it by 570 MB.
    /// </summary>
    private const long RssGrowthBoundBytes = 150L << 20;

    private static long VmRssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    [Fact]
    public async Task RSS_stays_within_150_MiB_of_its_start_after_100_oversize_MQTT_messages_each_a_dead_letter_and_a_valid_event_is_taken_after()
    {
        await using var host = await HostProcess.StartAsync("chengdu");
        var run = Guid.NewGuid().ToString("N")[..12];
        var sensor = $"e2e-rss-{run}";
        // Warm the path up with one valid event first, so the baseline includes what any first message costs.
        await Publishers.PublishAsync(host.MqttPort, $"city/rss-{run}/events", [IngestEvents.Reading($"warm-{run}", sensor)]);
        await Poll.UntilAsync("warm-up event taken", async () => await IngestEvents.EventsAccepted(host.Http, sensor) is 1 ? JsonDocument.Parse("true").RootElement : null,
            TimeSpan.FromSeconds(30), () => host.Log);
        var before = VmRssBytes(host.ProcessId);

        var oversize = new byte[3 << 20];
        Random.Shared.NextBytes(oversize);
        using (var client = new MqttClientFactory().CreateMqttClient())
        {
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.MqttPort).WithClientId($"e2e-{run}")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(30)).Build());
            for (var i = 0; i < 100; i++)
            {
                var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"city/rss-{run}/events").WithPayload(oversize)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                Assert.Equal(MqttClientPublishReasonCode.ImplementationSpecificError, result.ReasonCode);
            }

            await client.DisconnectAsync();
        }

        var after = VmRssBytes(host.ProcessId);
        Assert.True(after - before < RssGrowthBoundBytes, $"RSS grew from {before >> 20} MiB to {after >> 20} MiB after 100 oversize messages; the bound is {RssGrowthBoundBytes >> 20} MiB");

        var letters = await host.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters?pageSize=200");
        var mine = letters.GetProperty("items").EnumerateArray().Where(l => l.GetProperty("origin").GetString() == $"city/rss-{run}/events").ToList();
        Assert.Equal(100, mine.Count);
        Assert.All(mine, l =>
        {
            Assert.Equal(3L << 20, l.GetProperty("payloadSize").GetInt64());
            Assert.True(l.GetProperty("payloadTruncated").GetBoolean());
        });
        var one = await host.Http.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{mine[0].GetProperty("id").GetString()}");
        Assert.Equal(64 << 10, Convert.FromBase64String(one.GetProperty("payloadBase64").GetString()!).Length);

        await Publishers.PublishAsync(host.MqttPort, $"city/rss-{run}/events", [IngestEvents.Reading($"after-{run}", sensor)]);
        await Poll.UntilAsync("valid event after the oversize ones taken", async () => await IngestEvents.EventsAccepted(host.Http, sensor) is 2 ? JsonDocument.Parse("true").RootElement : null,
            TimeSpan.FromSeconds(30), () => host.Log);
    }

    [Fact]
    public async Task Embedded_broker_listens_only_on_the_configured_IPv4_loopback_not_on_IPv6()
    {
        await using var host = await HostProcess.StartAsync("chengdu");
        var info = new ProcessStartInfo("ss", ["-Hltn", $"sport = :{host.MqttPort}"]) { RedirectStandardOutput = true };
        using var ss = Process.Start(info)!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();

        var locals = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]).ToList();
        Assert.Equal([$"127.0.0.1:{host.MqttPort}"], locals);
    }
}
