using CityBrain.Api;
using CityBrain.Api.Live;
using CityBrain.Incidents;
using CityBrain.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.UnitTests.Live;

public sealed class IncidentFeedNumberingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private sealed class NoRelay : ILiveChanges
    {
        public Task<IAsyncDisposable> AttachAsync(ILiveChangeObserver feed, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class NoLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    private static LiveChangeBatch Batch(Guid source, long first, params int[] evidence) =>
        new(source, first, [.. evidence.Select(LiveDestinationTests.Change)]);

    [Fact]
    public async Task A_hole_in_a_nodes_numbers_is_a_gap_and_a_batch_sent_twice_is_taken_once()
    {
        var feed = new IncidentFeed(new NoRelay(), Microsoft.Extensions.Options.Options.Create(new ApiOptions()), new NoLifetime(), new FakeTimeProvider(), NullLogger<IncidentFeed>.Instance);
        await using var reader = feed.Listen(null, null, CancellationToken.None).GetAsyncEnumerator();
        var first = reader.MoveNextAsync();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await Poll.UntilAsync("the client registered", () => Task.FromResult(feed.Listeners), n => n == 1, Deadline);

        await feed.Deliver(Batch(a, 0, 0, 1, 2));
        await feed.Deliver(Batch(a, 0, 0, 1, 2)); // tried again after its answer was lost
        await feed.Deliver(Batch(a, 5, 5, 6)); // 3 and 4 dropped by node a
        await feed.Deliver(Batch(b, 2, 12)); // node b's first two never arrived
        await feed.Deliver(Batch(a, 7)); // node a tells of a trailing drop: nothing more to see yet
        await feed.Deliver(Batch(a, 8, 8));

        Assert.True(await first);
        var seen = new List<string> { $"{reader.Current.Item!.Incident.EvidenceCount}" };
        while (seen.Count < 9)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Deadline));
            seen.Add(reader.Current.Gap is { } gap ? $"gap {gap.Missed}" : $"{reader.Current.Item!.Incident.EvidenceCount}");
        }

        Assert.Equal(["0", "1", "2", "gap 2", "5", "6", "gap 2", "12", "gap 1"], seen);
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Deadline));
        Assert.Equal(8, reader.Current.Item!.Incident.EvidenceCount);
        Assert.Equal(5, feed.MissedFromNodes);
    }
}
