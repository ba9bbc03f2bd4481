using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.UnitTests.Live;

public sealed class LiveDestinationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    internal static IncidentChanged Change(int n) => new(IncidentChangeKind.EvidenceAttached,
        new IncidentSummary($"inc-{n}", "crowd", IncidentStatus.Open, new GeoPoint(104.06, 30.66), new RegionPath(["510100"]), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, n),
        new EventKey("test", $"e-{n}"));

    [Fact]
    public async Task A_feed_that_takes_its_batches_slowly_gets_every_change_or_a_hole_in_the_numbers_that_counts_the_rest()
    {
        var batches = new List<LiveChangeBatch>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var destination = new LiveDestination(Guid.NewGuid(), async batch =>
        {
            lock (batches) batches.Add(batch);
            await release.Task;
        }, capacity: 100, NullLogger.Instance);

        // The first change goes at once and its delivery hangs; 999 more arrive meanwhile, 100 fit the queue.
        destination.Add(Change(0));
        await Poll.UntilAsync("the first change is on its way", () =>
        {
            lock (batches) return Task.FromResult(batches.Count);
        }, n => n == 1, Deadline);
        for (var i = 1; i < 1000; i++) destination.Add(Change(i));
        release.SetResult();
        await Poll.UntilAsync("the destination told of every change", () =>
        {
            lock (batches) return Task.FromResult(batches.Count == 0 ? 0 : batches[^1].First + batches[^1].Changes.Length);
        }, through => through == 1000, Deadline);

        lock (batches)
        {
            var expected = 0L;
            var kept = new List<int>();
            var missed = 0L;
            foreach (var batch in batches)
            {
                Assert.True(batch.First >= expected, "numbers never go back");
                missed += batch.First - expected;
                kept.AddRange(batch.Changes.Select(c => (int)c.Incident.EvidenceCount));
                expected = batch.First + batch.Changes.Length;
            }

            Assert.Equal(1000, kept.Count + missed);
            Assert.Equal(899, missed);
            Assert.Equal([0, .. Enumerable.Range(1, 100)], kept);
            Assert.Equal(899, destination.Dropped);
            Assert.Single(batches.Select(b => b.Source).Distinct());
        }
    }

    [Fact]
    public async Task A_batch_whose_delivery_keeps_failing_is_given_up_and_the_next_one_shows_the_hole()
    {
        var delivered = new List<LiveChangeBatch>();
        var fail = true;
        var attempts = 0;
        var destination = new LiveDestination(Guid.NewGuid(), batch =>
        {
            if (Volatile.Read(ref fail))
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException("feed unreachable");
            }

            lock (delivered) delivered.Add(batch);
            return Task.CompletedTask;
        }, capacity: 100, NullLogger.Instance);

        destination.Add(Change(0));
        // Four attempts with 0.1, 0.4 and 1.6 s between them, then it is given up.
        await Poll.UntilAsync("four attempts failed", () => Task.FromResult(Volatile.Read(ref attempts)), n => n == 4, Deadline);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Volatile.Write(ref fail, false);
        destination.Add(Change(1));
        var batch = await Poll.UntilAsync("the next change arrives", () =>
        {
            lock (delivered) return Task.FromResult(delivered.FirstOrDefault());
        }, Deadline);
        Assert.Equal(1, batch.First);
        Assert.Equal(1, batch.Changes.Single().Incident.EvidenceCount);
    }
}
