using CityBrain.Ingest.Kafka;

namespace CityBrain.UnitTests;

/// <summary>Which records of a newly assigned Kafka partition go to the grains marked as possible redeliveries.</summary>
public sealed class RedeliveryWindowTests
{
    [Fact]
    public void With_no_committed_offset_nothing_is_suspect_and_a_commit_must_come_first()
    {
        var window = RedeliveryWindow.At(committed: -1001, highWatermark: 50_000, window: 3000);

        Assert.True(window.CommitBeforeHanding);
        Assert.Equal(0, window.Count);
        Assert.False(window.Suspects(0));
        Assert.False(window.Suspects(2999));
    }

    [Fact]
    public void With_a_committed_offset_the_window_past_it_is_suspect_and_nothing_else()
    {
        var window = RedeliveryWindow.At(committed: 10_000, highWatermark: 50_000, window: 3000);

        Assert.False(window.CommitBeforeHanding);
        Assert.Equal(3000, window.Count);
        Assert.False(window.Suspects(9_999));
        Assert.True(window.Suspects(10_000));
        Assert.True(window.Suspects(12_999));
        Assert.False(window.Suspects(13_000));
    }

    [Fact]
    public void Records_written_after_the_assignment_are_not_suspect()
    {
        var window = RedeliveryWindow.At(committed: 10_000, highWatermark: 10_250, window: 3000);

        Assert.Equal(250, window.Count);
        Assert.True(window.Suspects(10_249));
        Assert.False(window.Suspects(10_250));
    }

    [Fact]
    public void A_partition_caught_up_at_its_last_commit_has_no_suspect()
    {
        Assert.Equal(0, RedeliveryWindow.At(committed: 10_000, highWatermark: 10_000, window: 3000).Count);
    }

    [Fact]
    public void An_unknown_high_watermark_leaves_the_whole_window_suspect()
    {
        var window = RedeliveryWindow.At(committed: 10_000, highWatermark: -1, window: 3000);

        Assert.Equal(3000, window.Count);
        Assert.True(window.Suspects(12_999));
    }
}
