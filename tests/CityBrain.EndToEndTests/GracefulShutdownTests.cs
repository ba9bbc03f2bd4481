using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Issue 14, point 13: a graceful stop of the embedded host is quiet, however much it has taken in.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task SIGTERM_of_an_embedded_host_that_took_events_exits_0_and_logs_no_failure()
    {
        var feed = await Bench.GenerateSyntheticAsync(2_000, 0);
        await using var host = await HostProcess.StartAsync("nyc");
        using (var response = await host.Http.PostAsync("/api/events", new StringContent(await File.ReadAllTextAsync(feed), Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.True(response.IsSuccessStatusCode, $"phase 'events': HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        // The districts hear of incidents shortly after they change; stop once they count some.
        await Poll.UntilAsync("districts counting", async () =>
        {
            var root = await host.Http.GetFromJsonAsync<JsonElement>("/api/regions?depth=0");
            return root.GetProperty("openIncidents").GetInt32() > 0 ? root : null;
        }, TimeSpan.FromSeconds(30), () => host.Log);

        var exit = await host.StopAsync(TimeSpan.FromSeconds(60));

        var failures = host.Log.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 0 && failures.Count == 0, $"phase 'graceful stop': exit code {exit}, {failures.Count} failure lines, first: {failures.FirstOrDefault()}\n{host.Log}");
    }
}
