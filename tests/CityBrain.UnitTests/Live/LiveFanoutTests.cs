using CityBrain.Api.Live;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.UnitTests.Live;

public sealed class LiveFanoutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static LiveFanout<int> Fanout(int capacity, TimeProvider? clock = null) =>
        new((item, region, topic) => topic is null || (item % 2 == 0) == (topic == "even"), capacity, clock ?? new FakeTimeProvider());

    /// <summary>Reads until the items and the gaps account for <paramref name="total"/> items.</summary>
    private static async Task<List<LiveItem<int>>> ReadAccountingFor(IAsyncEnumerator<LiveItem<int>> reader, long total)
    {
        var read = new List<LiveItem<int>>();
        long accounted = 0;
        using var deadline = new CancellationTokenSource(Deadline);
        while (accounted < total)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(deadline.Token), "the listen loop ended before every item was accounted for");
            read.Add(reader.Current);
            accounted += reader.Current.Gap?.Missed ?? 1;
        }

        return read;
    }

    [Fact]
    public async Task A_client_that_reads_nothing_during_a_burst_gets_what_fits_then_a_gap_counting_the_rest_then_new_items()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T08:00:00Z"));
        var fanout = Fanout(capacity: 16, clock);
        await using var reader = fanout.Listen(null, null, CancellationToken.None).GetAsyncEnumerator();
        var first = reader.MoveNextAsync();
        // MoveNextAsync registered the client; it now waits for the first item.
        await Poll.UntilAsync("the client registered", () => Task.FromResult(fanout.Listeners), n => n == 1, Deadline);

        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 1000; i++) fanout.Dispatch(i);
        Assert.True(await first);
        var read = new List<LiveItem<int>> { reader.Current };
        read.AddRange(await ReadAccountingFor(reader, 1000 - 1));

        var items = read.Where(r => r.Gap is null).Select(r => r.Item).ToList();
        var gaps = read.Where(r => r.Gap is not null).Select(r => r.Gap!).ToList();
        Assert.Equal(Enumerable.Range(0, items.Count), items);
        var gap = Assert.Single(gaps);
        Assert.Equal(1000 - items.Count, gap.Missed);
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T08:00:01Z"), gap.Since);
        Assert.True(read[^1].Gap is not null, "the gap comes after every item that was kept");

        // Once it has read, the client gets new items again, with no gap before them.
        fanout.Dispatch(1000);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(new LiveItem<int>(1000, null), reader.Current);
    }

    [Fact]
    public async Task A_client_that_keeps_up_gets_every_item_in_order_and_no_gap()
    {
        var fanout = Fanout(capacity: 16);
        await using var reader = fanout.Listen(null, null, CancellationToken.None).GetAsyncEnumerator();
        var next = reader.MoveNextAsync();
        await Poll.UntilAsync("the client registered", () => Task.FromResult(fanout.Listeners), n => n == 1, Deadline);
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                fanout.Dispatch(i);
                if (i % 8 == 7) await Task.Yield();
            }
        });

        var read = new List<LiveItem<int>>();
        Assert.True(await next);
        read.Add(reader.Current);
        read.AddRange(await ReadAccountingFor(reader, 2000 - 1));
        await producer;

        // Every item or a gap for it; if the reader kept up, simply every item.
        Assert.Equal(2000, read.Sum(r => r.Gap?.Missed ?? 1));
        var items = read.Where(r => r.Gap is null).Select(r => r.Item).ToList();
        Assert.True(items.SequenceEqual(items.Order()), "items arrive in the order dispatched");
    }

    [Fact]
    public async Task Items_missed_upstream_reach_every_client_as_a_gap_in_their_place()
    {
        var fanout = Fanout(capacity: 64);
        await using var even = fanout.Listen(null, "even", CancellationToken.None).GetAsyncEnumerator();
        await using var all = fanout.Listen(null, null, CancellationToken.None).GetAsyncEnumerator();
        var evenFirst = even.MoveNextAsync();
        var allFirst = all.MoveNextAsync();
        await Poll.UntilAsync("both clients registered", () => Task.FromResult(fanout.Listeners), n => n == 2, Deadline);

        fanout.Dispatch(2);
        fanout.Missed(5);
        fanout.Dispatch(3);
        fanout.Dispatch(4);

        Assert.True(await evenFirst);
        var evenRead = new List<LiveItem<int>> { even.Current };
        evenRead.AddRange(await ReadAccountingFor(even, 5 + 1));
        Assert.Equal([2, -5, 4], evenRead.Select(r => r.Gap is { } g ? -(int)g.Missed : r.Item));

        Assert.True(await allFirst);
        var allRead = new List<LiveItem<int>> { all.Current };
        allRead.AddRange(await ReadAccountingFor(all, 5 + 2));
        Assert.Equal([2, -5, 3, 4], allRead.Select(r => r.Gap is { } g ? -(int)g.Missed : r.Item));
    }
}
