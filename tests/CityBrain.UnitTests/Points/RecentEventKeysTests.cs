using CityBrain.Events;
using CityBrain.Points;

namespace CityBrain.UnitTests.Points;

public sealed class RecentEventKeysTests
{
    private static EventKey Key(int n) => new("cam", $"e{n}");

    [Fact]
    public void A_new_window_holds_nothing_and_knows_no_key()
    {
        var window = new RecentEventKeys();

        Assert.Equal(0, window.Count);
        Assert.False(window.Contains(Key(1)));
        Assert.Equal(RecentEventKeys.DefaultCapacity, window.Capacity);
    }

    [Fact]
    public void Keys_taken_are_known_until_the_bound_pushes_the_oldest_out()
    {
        var window = new RecentEventKeys(capacity: 3);
        for (var n = 1; n <= 3; n++) window.Add(Key(n));

        Assert.Equal(3, window.Count);
        Assert.All(new[] { 1, 2, 3 }, n => Assert.True(window.Contains(Key(n))));

        window.Add(Key(4));

        Assert.Equal(3, window.Count);
        Assert.False(window.Contains(Key(1)));
        Assert.All(new[] { 2, 3, 4 }, n => Assert.True(window.Contains(Key(n))));
    }

    [Fact]
    public void A_key_taken_again_does_not_use_a_second_place_nor_refresh_its_age()
    {
        var window = new RecentEventKeys(capacity: 2);
        window.Add(Key(1));
        window.Add(Key(2));
        window.Add(Key(1));

        Assert.Equal(2, window.Count);
        window.Add(Key(3));

        // First in, first out by first sight: key 1 was taken first, so it is the one forgotten.
        Assert.False(window.Contains(Key(1)));
        Assert.True(window.Contains(Key(2)));
        Assert.True(window.Contains(Key(3)));
    }

    [Fact]
    public void The_default_window_grows_to_its_bound_and_no_further()
    {
        var window = new RecentEventKeys();
        for (var n = 0; n < RecentEventKeys.DefaultCapacity * 3; n++) window.Add(Key(n));

        Assert.Equal(RecentEventKeys.DefaultCapacity, window.Count);
        Assert.False(window.Contains(Key(RecentEventKeys.DefaultCapacity * 2 - 1)));
        Assert.True(window.Contains(Key(RecentEventKeys.DefaultCapacity * 2)));
        Assert.True(window.Contains(Key(RecentEventKeys.DefaultCapacity * 3 - 1)));
    }

    [Fact]
    public void An_activation_that_took_one_key_allocates_far_less_than_a_full_window()
    {
        // The reason for growing with use: 160,000 points, each with one reading, must fit in well under 1.5 GiB.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var window = new RecentEventKeys();
        window.Add(Key(1));
        var oneKey = GC.GetAllocatedBytesForCurrentThread() - before;

        var full = new RecentEventKeys();
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < RecentEventKeys.DefaultCapacity; n++) full.Add(Key(n));
        var fullWindow = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(oneKey < 1024, $"one key cost {oneKey} bytes");
        Assert.True(fullWindow > 20 * oneKey, $"a full window cost {fullWindow} bytes, one key {oneKey}");
    }

    [Fact]
    public void A_window_of_no_keys_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentEventKeys(0));
    }
}
