using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CityBrain.EndToEndTests;

/// <summary>
/// Issue 15: a node of a cluster on PostgreSQL killed with <c>kill -9</c> under load and started again at once with
/// the same command line and ports, as systemd or Kubernetes would: a new generation of the silo on the same
/// endpoint. 12,000 generated Chengdu events are replayed at 1,500/s; the last node dies 3 s into the replay and
/// starts again 4 s later. Within 120 s of the restart every event must be evidence of exactly one incident and
/// every happening one incident (check-synthetic). The survivors must have taken events while the killed node was
/// away, and kept their broker connection (MQTT) or their consumer (Kafka) throughout.
/// </summary>
public sealed partial class ClusterRestartTests(ITestOutputHelper output)
{
    private const int Events = 12_000;
    private const int Rate = 1_500;
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(4);

    // What the recovery is made of, measured on a 2-core machine: the restarted node declares its older generation
    // dead when it joins, 8-12 s after the kill (failure detection would take 15 s); calls caught in the takeover
    // end at Orleans' 30 s response timeout; the backlog of the 8 s feed then drains at 250-300 events/s. Recovery
    // took 36-70 s; 120 s also leaves room for a pass of the duplicate sweep (every 60 s) over an incident the kill
    // split.
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    [Fact]
    public Task Two_nodes_over_MQTT_one_killed_and_restarted_on_its_ports_every_event_and_happening_is_one_incident_within_120_s() =>
        RunAsync(nodes: 2, kafka: false);

    [Fact]
    public Task Two_nodes_over_Kafka_one_killed_and_restarted_on_its_ports_every_event_and_happening_is_one_incident_within_120_s() =>
        RunAsync(nodes: 2, kafka: true);

    [Fact]
    public Task Three_nodes_over_MQTT_one_killed_and_restarted_on_its_ports_every_event_and_happening_is_one_incident_within_120_s() =>
        RunAsync(nodes: 3, kafka: false);

    private async Task RunAsync(int nodes, bool kafka)
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        await using var broker = kafka ? await KafkaMockProcess.StartAsync("city.events:8", "citybrain.incidents:4", "citybrain.dead-letters:2") : null;
        var feed = await Bench.GenerateSyntheticAsync("chengdu", Events, malformed: 0, seed: 4242);
        var cluster = $"restart-{Guid.NewGuid():N}";
        var mosquitto = kafka ? (int?)null : ExternalBrokerTests.MosquittoPort();

        var hosts = new List<HostProcess>();
        try
        {
            for (var i = 1; i <= nodes; i++)
            {
                string[] node = !kafka
                    ? [.. Durable(db, cluster), $"--Mqtt:SharedSubscriptionGroup={cluster}"]
                    : [.. Durable(db, cluster), "--Kafka:Enabled=true", $"--Kafka:BootstrapServers={broker!.BootstrapServers}", $"--Kafka:GroupId={cluster}",
                        // The group hands a killed member's partitions on only when its session expires, and every
                        // membership change makes the group wait up to that long for the others to rejoin: librdkafka's
                        // default of 45 s alone would take half the bound. A user who wants a fast takeover sets this.
                        "--Kafka:Client:session.timeout.ms=6000", "--Kafka:Client:heartbeat.interval.ms=1000"];
                hosts.Add(await HostProcess.StartAsync("chengdu", mosquitto, node));
            }

            var first = hosts[0];
            var victim = hosts[^1];
            string[] target = kafka
                ? ["--via", "kafka", "--kafka", broker!.BootstrapServers]
                : ["--via", "mqtt", "--mqtt-port", mosquitto!.Value.ToString(CultureInfo.InvariantCulture)];
            var replay = Bench.RunAsync(TimeSpan.FromMinutes(3), ["replay", "--file", feed, .. target, "--rate", Rate.ToString(CultureInfo.InvariantCulture), "--no-sse"]);
            var sinceReplay = Stopwatch.StartNew();
            await Poll.UntilAsync("events are evidence before the kill", () => EvidenceAsync(first), evidence => evidence > 0, TimeSpan.FromSeconds(60), () => Logs(hosts));

            // The scenario's timing, not a wait for a condition: the kill falls 3 s into the replay, the restart 4 s later.
            if (KillAfter - sinceReplay.Elapsed is { Ticks: > 0 } beforeKill) await Task.Delay(beforeKill);
            await victim.KillAsync();
            var killed = Stopwatch.StartNew();
            var atKill = await EvidenceAsync(first);
            var beforeRestart = atKill;
            while (killed.Elapsed < RestartAfter)
            {
                beforeRestart = await EvidenceAsync(first);
                await Task.Delay(250);
            }

            var restartedAt = DateTimeOffset.UtcNow;
            hosts[^1] = await HostProcess.RestartAsync(victim);
            await victim.DisposeAsync();
            // Until now the killed node took nothing from the broker: whatever became evidence, the survivors took.
            var atReady = await EvidenceAsync(first);
            var back = DateTimeOffset.UtcNow - restartedAt;
            var (replayExit, replayOutput) = await replay;
            Assert.True(replayExit == 0, $"phase 'replay': {replayOutput}");

            var left = Recovery - (DateTimeOffset.UtcNow - restartedAt);
            var seconds = Math.Max(1, (int)left.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            var (checkExit, check) = await Bench.RunAsync(left + TimeSpan.FromMinutes(3), "check-synthetic", "--input", feed, "--http", first.Http.BaseAddress!.ToString().TrimEnd('/'),
                "--wait-seconds", seconds, "--settle-seconds", "15", "--retry-seconds", seconds, "--since", restartedAt.ToString("O", CultureInfo.InvariantCulture));
            var passedAfter = PassedAfter().Match(check) is { Success: true } m ? double.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : (double?)null;
            output.WriteLine($"evidence on node 1: {atKill} at the kill, {beforeRestart} at the restart {RestartAfter.TotalSeconds} s later, {atReady} when the restarted node was back {back.TotalSeconds:0} s after that; check-synthetic passed {passedAfter?.ToString(CultureInfo.InvariantCulture) ?? "-"} s after the restart");
            Assert.True(checkExit == 0 && passedAfter <= Recovery.TotalSeconds,
                $"phase 'recovery': check-synthetic {(checkExit == 0 ? $"passed {passedAfter} s" : "had not passed")} after the restart, bound {Recovery.TotalSeconds} s:\n{check}\n{Logs(hosts)}");

            Assert.True(atReady > atKill,
                $"phase 'outage': the survivors took no event while the killed node was away ({atKill} events evidence at the kill, {beforeRestart} at the restart, {atReady} when it was back)\n{Logs(hosts)}");
            foreach (var survivor in hosts.Take(nodes - 1))
            {
                // With Kafka the subscription counted is the idle embedded broker's, and the consumer is what matters.
                var log = survivor.Log;
                var subscribed = Regex.Count(log, "Subscribed to MQTT");
                var reconnecting = log.Split('\n').Where(l => l.Contains("reconnecting", StringComparison.Ordinal)).ToList();
                Assert.True(subscribed == 1 && reconnecting.Count == 0,
                    $"phase 'survivor's broker connection': node on port {survivor.HttpPort} subscribed {subscribed} times and logged {reconnecting.Count} reconnects, first: {reconnecting.FirstOrDefault()}");
                Assert.False(log.Contains("Kafka consume loop failed", StringComparison.Ordinal),
                    $"phase 'survivor's consumer': node on port {survivor.HttpPort} lost its Kafka consumer\n{Tail(log)}");
            }
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    private static string[] Durable(TestDatabase db, string cluster) =>
        ["--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={db.ConnectionString}", $"--Orleans:ClusterId={cluster}"];

    [GeneratedRegex(@"check-synthetic: passed at attempt \d+, read by \S+, ([0-9.]+) s after", RegexOptions.CultureInvariant)]
    private static partial Regex PassedAfter();

    /// <summary>Events that are evidence of an incident not merged, as check-synthetic counts them, from one node's API.</summary>
    private static async Task<long> EvidenceAsync(HostProcess host)
    {
        var total = 0L;
        for (var page = 1; ; page++)
        {
            var items = (await host.Http.GetFromJsonAsync<JsonElement>($"/api/incidents?pageSize=500&page={page}")).GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                if (item.GetProperty("status").GetString() != "merged") total += item.GetProperty("evidenceCount").GetInt64();
            }

            if (items.GetArrayLength() < 500) return total;
        }
    }

    private static string Logs(IEnumerable<HostProcess> hosts) =>
        string.Join("\n", hosts.Select((h, i) => $"--- node {i + 1} (port {h.HttpPort})\n{Tail(h.Log)}"));

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;
}
