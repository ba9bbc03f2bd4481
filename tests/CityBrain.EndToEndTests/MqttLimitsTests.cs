using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>The embedded broker's limits, on a host of its own so its memory is measured alone.</summary>
public sealed class MqttLimitsTests
{
    /// <summary>
    /// The stated bound: 100 messages of 3 MiB (300 MiB in all) may grow the host's resident memory by less than
    /// this. Before the limit, five 30 MB messages grew it by 570 MB.
    /// </summary>
    private const long RssGrowthBoundBytes = 100L << 20;

    private static long VmRssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    [Fact]
    public async Task RSS_stays_within_100_MiB_of_its_start_after_100_oversize_MQTT_messages_each_a_dead_letter_and_a_valid_event_is_taken_after()
    {
        await using var host = await HostProcess.StartAsync("chengdu");
        var run = Guid.NewGuid().ToString("N")[..12];
        var sensor = $"e2e-rss-{run}";
        // Warm the path up with one valid event first, so the baseline includes what any first message costs.
        await Publishers.PublishAsync(host.MqttPort, $"city/rss-{run}/events", [IngestEvents.Reading($"warm-{run}", sensor)]);
        await Poll.UntilAsync("warm-up event taken", async () => await IngestEvents.EventsAccepted(host.Http, sensor) is 1 ? JsonDocument.Parse("true").RootElement : null,
            TimeSpan.FromSeconds(30), () => host.Log);
        var before = VmRssBytes(host.ProcessId);

        // mosquitto_pub publishes the 100 messages over one MQTT 5 connection; the broker refuses each one.
        var file = Path.Combine(Path.GetTempPath(), $"citybrain-oversize-{run}.bin");
        var oversize = new byte[3 << 20];
        Random.Shared.NextBytes(oversize);
        await File.WriteAllBytesAsync(file, oversize);
        string refusals;
        try
        {
            refusals = await DebianTool.RunAsync("sh", "dash", ["-c",
                $"mosquitto_pub -h 127.0.0.1 -p {host.MqttPort} -V mqttv5 -q 1 -t city/rss-{run}/events -f {file} --repeat 100 2>&1; true"], TimeSpan.FromSeconds(120));
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(100, refusals.Split('\n').Count(l => l.Contains($"payload larger than {1 << 20} bytes", StringComparison.Ordinal)));
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
