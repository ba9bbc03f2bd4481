using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Nodes sharing the event subscription at a real broker (mosquitto): each message goes to one node.</summary>
public sealed class SharedSubscriptionTests
{
    [Fact]
    public async Task A_node_that_stops_gracefully_leaves_the_group_and_the_others_get_every_later_message()
    {
        var mosquitto = ExternalBrokerTests.MosquittoPort();
        var group = $"leave-{Guid.NewGuid():N}";
        await using var staying = await HostProcess.StartAsync("nyc", mosquitto, $"--Mqtt:SharedSubscriptionGroup={group}");
        await using var leaving = await HostProcess.StartAsync("nyc", mosquitto, $"--Mqtt:SharedSubscriptionGroup={group}");

        var exit = await leaving.StopAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"graceful stop exited {exit}:\n{leaving.Log}");
        Assert.Contains("Left MQTT shared group", leaving.Log);

        // Messages the broker cannot parse as events become dead letters, which name their event id: an easy
        // way to see that each of them reached the node that stayed, and none waits for the one that left.
        var ids = Enumerable.Range(0, 60).Select(i => $"after-leave-{group}-{i}").ToArray();
        await Publishers.PublishAsync(mosquitto, "city/leave/events", ids.Select(id => $$"""{"specversion":"1.0","id":"{{id}}","source":"leave"}"""));

        string[] missing = ids;
        await Poll.UntilAsync("every message published after the leave is dead-lettered by the node that stayed", async () =>
        {
            var page = await staying.Http.GetFromJsonAsync<JsonElement>("/api/dead-letters?pageSize=100");
            var seen = page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("eventId").GetString()).ToHashSet();
            missing = ids.Where(id => !seen.Contains(id)).ToArray();
            return missing.Length == 0 ? page : null;
        }, TimeSpan.FromSeconds(30), () => $"not dead-lettered: {string.Join(", ", missing)}\n{staying.Log}");
    }
}
