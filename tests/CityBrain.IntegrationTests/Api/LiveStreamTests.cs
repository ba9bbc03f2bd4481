using System.Net;
using System.Text;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.IntegrationTests.Api;

/// <summary>The live SSE stream under load, on an in-process host of the test's own (its clients' queues made small).</summary>
public sealed class LiveStreamTests
{
    private const int Burst = 2000;

    [Fact]
    public async Task A_slow_SSE_reader_under_a_burst_gets_every_change_or_a_gap_event_counting_what_it_missed()
    {
        var host = new InProcessHost(["--Api:LiveClientQueue=16"]);
        await host.InitializeAsync();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream/incidents?category=smoke_fire");
            using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            Assert.Equal("ready", (await NextEvent(reader, deadline.Token)).Type);

            // One camera sees one fire 2,000 times: one incident opened, then 1,999 attaches, 2,000 changes in a
            // burst, while this client reads nothing.
            var camera = $"cam-burst-{Guid.NewGuid():N}";
            var lines = Enumerable.Range(0, Burst).Select(i => CloudEventBuilder.Detection("smoke_fire").Id($"burst-{camera}-{i}").Source("live-test")
                .Subject(camera).Time(DateTimeOffset.UtcNow.AddMilliseconds(i)).At(104.080989, 30.657689, "gcj02").ToJson()).ToList();
            foreach (var chunk in lines.Chunk(500))
            {
                using var posted = await host.Http.PostAsync("/api/events", new StringContent(string.Join("\n", chunk), Encoding.UTF8, "application/x-ndjson"), deadline.Token);
                Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync(deadline.Token)}");
            }

            var evidenceCounts = new List<int>();
            var gaps = new List<long>();
            while (evidenceCounts.Count + gaps.Sum() < Burst)
            {
                var (type, data) = await NextEvent(reader, deadline.Token);
                using var json = JsonDocument.Parse(data);
                if (type == "gap")
                {
                    gaps.Add(json.RootElement.GetProperty("missed").GetInt64());
                    Assert.True(json.RootElement.TryGetProperty("since", out _), "a gap says since when");
                }
                else
                {
                    Assert.Equal("incident", type);
                    evidenceCounts.Add(json.RootElement.GetProperty("incident").GetProperty("evidenceCount").GetInt32());
                }
            }

            // Every change arrived, or a gap stands in for it: nothing was left out without a word.
            Assert.Equal(Burst, evidenceCounts.Count + gaps.Sum());
            Assert.True(evidenceCounts.SequenceEqual(evidenceCounts.Order().Distinct()), "one incident's changes arrive in order, each once");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<(string Type, string Data)> NextEvent(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 || type is not null) return (type ?? "message", data.ToString());
                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal)) type = line["event:".Length..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line["data:".Length..].TrimStart());
        }

        throw new EndOfStreamException("the SSE stream ended");
    }
}
