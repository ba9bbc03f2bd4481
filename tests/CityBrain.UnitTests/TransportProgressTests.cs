using CityBrain.Ingest.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.UnitTests;

public sealed class TransportProgressTests
{
    private static readonly TimeSpan After = TimeSpan.FromSeconds(60);

    [Fact]
    public void Idle_transport_is_never_stuck()
    {
        var clock = new FakeTimeProvider();
        var mqtt = new TransportProgress("mqtt", clock);
        clock.Advance(TimeSpan.FromHours(5));
        Assert.False(mqtt.Evaluate(After).Stuck);
    }

    [Fact]
    public void Waiting_message_with_no_progress_for_the_threshold_is_stuck_named_and_reported_once()
    {
        var clock = new FakeTimeProvider();
        var mqtt = new TransportProgress("mqtt", clock);
        using var poison = mqtt.Begin("mqtt city/311/events");
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(mqtt.Evaluate(After).Stuck);

        clock.Advance(TimeSpan.FromSeconds(1));
        var first = mqtt.Evaluate(After);
        Assert.True(first.Stuck);
        Assert.True(first.NewlyStuck);
        Assert.Equal("mqtt city/311/events", first.Oldest!.Value.Origin);

        clock.Advance(TimeSpan.FromSeconds(10));
        var second = mqtt.Evaluate(After);
        Assert.True(second.Stuck);
        Assert.False(second.NewlyStuck);
    }

    [Fact]
    public void Message_arriving_after_a_long_idle_time_is_not_stuck_at_once()
    {
        var clock = new FakeTimeProvider();
        var kafka = new TransportProgress("kafka", clock);
        clock.Advance(TimeSpan.FromHours(1));
        using var ticket = kafka.Begin("kafka city.events/0@1");
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(kafka.Evaluate(After).Stuck);
    }

    [Fact]
    public void Other_messages_finishing_keep_a_slow_one_from_making_the_transport_stuck_until_they_stop()
    {
        var clock = new FakeTimeProvider();
        var queue = new TransportProgress("queue", clock);
        using var slow = queue.Begin("vca/slow");
        clock.Advance(TimeSpan.FromSeconds(50));
        queue.Begin("vca/fast").Done();
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.False(queue.Evaluate(After).Stuck);

        clock.Advance(TimeSpan.FromSeconds(10));
        var status = queue.Evaluate(After);
        Assert.True(status.Stuck);
        Assert.Equal("vca/slow", status.Oldest!.Value.Origin);
    }

    [Fact]
    public void Message_left_for_redelivery_still_counts_as_waiting_until_something_finishes()
    {
        var clock = new FakeTimeProvider();
        var mqtt = new TransportProgress("mqtt", clock);
        mqtt.Begin("mqtt city/a/events").Dispose();
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(mqtt.Evaluate(After).Stuck);

        mqtt.Begin("mqtt city/a/events").Done();
        var status = mqtt.Evaluate(After);
        Assert.False(status.Stuck);
        Assert.Null(status.Oldest);
    }

    [Fact]
    public void Finished_counts_messages_done_and_not_those_left_for_redelivery()
    {
        var kafka = new TransportProgress("kafka", new FakeTimeProvider());
        kafka.Begin("kafka city.events/0@1").Done();
        var waiting = kafka.Begin("kafka city.events/0@2");
        kafka.Begin("kafka city.events/0@3").Dispose();
        Assert.Equal(1, kafka.Finished);
        Assert.Equal(1, kafka.Waiting);

        waiting.Done();
        // Done twice (a ticket disposed after Done) is one finished message.
        waiting.Dispose();
        Assert.Equal(2, kafka.Finished);
        Assert.Equal(0, kafka.Waiting);
    }
}
