using System.Collections.Concurrent;
using System.Text;
using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;
using CityBrain.Ingest.Kafka;
using CityBrain.Ingest.Pipeline;
using CityBrain.Packs;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityBrain.IntegrationTests;

/// <summary>
/// The Kafka consumer marks a record as a possible redelivery only when a previous owner in the group may have handed
/// it to the grains without committing it: never for a new group, and for a restarted one only within the window past
/// the last commit and below the partition's end at assignment. Real consumer (librdkafka's mock cluster in this
/// process), a recording sink instead of the grains.
/// </summary>
public sealed class KafkaRedeliveryTests : IDisposable
{
    private const string Topic = "city.events";
    private const int MaxInFlight = 20;
    private const int CommitEvery = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly MockKafkaCluster _cluster;
    private readonly CityPack _pack = CityPackLoader.Load(TestPacks.Twin());
    private readonly string _group = $"redelivery-{Guid.NewGuid():N}";

    public KafkaRedeliveryTests()
    {
        BundledLibrdkafka.Register();
        _cluster = MockKafkaCluster.Start();
        _cluster.CreateTopic(Topic, 1);
        _cluster.CreateTopic("citybrain.dead-letters", 1);
    }

    [Fact]
    public async Task A_new_group_marks_nothing_and_a_restart_marks_only_the_window_past_the_commit_below_the_end_it_found()
    {
        var sink = new RecordingSink();
        await ProduceAsync(0, 100);

        // A new group: nothing can have been handed before, so nothing is marked, and the stop commits every record.
        await using (var first = await StartAsync(sink))
        {
            await Poll.UntilAsync("the first 100 records taken", () => Task.FromResult(sink.Count), n => n >= 100, Patience);
        }

        Assert.Equal(100, sink.Count);
        Assert.Empty(sink.Marked);
        Assert.Equal(100, Committed());

        // 50 more written while no node consumes, then a node of the same group starts: a previous owner may have
        // handed up to MaxInFlight + CommitEvery records past its commit, so those 30 are marked; the 20 after are not.
        await ProduceAsync(100, 50);
        await using (var second = await StartAsync(sink))
        {
            await Poll.UntilAsync("the next 50 records taken", () => Task.FromResult(sink.Count), n => n >= 150, Patience);
        }

        Assert.Equal(Enumerable.Range(100, MaxInFlight + CommitEvery).Select(Id), sink.Marked.OrderBy(Number));

        // 10 written while no node consumes, then 40 once a node holds the partition: only the 10 can have reached a
        // previous owner, although the window past the commit is 30 long.
        sink.ForgetMarks();
        await ProduceAsync(150, 10);
        await using (var third = await StartAsync(sink))
        {
            await Poll.UntilAsync("the 10 records written before the start taken", () => Task.FromResult(sink.Count), n => n >= 160, Patience);
            await ProduceAsync(160, 40);
            await Poll.UntilAsync("the 40 records written after the assignment taken", () => Task.FromResult(sink.Count), n => n >= 200, Patience);
        }

        Assert.Equal(Enumerable.Range(150, 10).Select(Id), sink.Marked.OrderBy(Number));
        Assert.Equal(200, sink.Keys.Distinct().Count());
    }

    [Fact]
    public async Task A_new_group_commits_before_handing_its_first_record()
    {
        var sink = new RecordingSink { Gate = new TaskCompletionSource() };
        await ProduceAsync(0, 5);

        await using var consumer = await StartAsync(sink);
        // The sink holds the first record: it was handed, and nothing was done yet, so only the first commit is there.
        await Poll.UntilAsync("the first record handed", () => Task.FromResult(sink.Count), n => n >= 1, Patience);
        Assert.Equal(0, Committed());
        sink.Gate.SetResult();
        await Poll.UntilAsync("every record taken", () => Task.FromResult(sink.Count), n => n >= 5, Patience);
    }

    private static string Id(int n) => $"e{n}";

    private static int Number(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    private async Task ProduceAsync(int from, int count)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, Acks = Acks.All }).Build();
        for (var n = from; n < from + count; n++)
        {
            var json = $$$"""{"specversion":"1.0","id":"{{{Id(n)}}}","source":"kafka-test","type":"city.sensor.reading","subject":"s1","time":"2026-11-23T08:00:00Z","data":{"metric":"water_level_cm","value":{{{n}}},"lon":10.01,"lat":50.01}}""";
            await producer.ProduceAsync(Topic, new Message<string, string> { Key = "s1", Value = json });
        }
    }

    /// <summary>The group's committed offset of the partition; -1 when it has none.</summary>
    private long Committed()
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = _group }).Build();
        var offset = probe.Committed([new TopicPartition(Topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset;
        return offset.Value >= 0 ? offset.Value : -1;
    }

    private async Task<RunningConsumer> StartAsync(RecordingSink sink)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(_pack)
            .AddSingleton(Options.Create(new IngestOptions()))
            .AddSingleton(Options.Create(new KafkaOptions
            {
                Enabled = true,
                BootstrapServers = _cluster.BootstrapServers,
                GroupId = _group,
                Topics = [Topic],
                IncidentsTopic = null,
                MaxInFlightPerPartition = MaxInFlight,
                CommitEvery = CommitEvery,
            }))
            .AddSingleton<EventNormalizer>()
            .AddSingleton<IngestProgress>()
            .AddSingleton<IObservationSink>(sink)
            .AddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>()
            .AddSingleton<MessageGateway>()
            .AddSingleton<PoisonGuard>()
            .AddSingleton<KafkaProducerHost>()
            .AddSingleton<KafkaIngestService>()
            .BuildServiceProvider();
        var service = services.GetRequiredService<KafkaIngestService>();
        await service.StartAsync(CancellationToken.None);
        return new RunningConsumer(services, service);
    }

    public void Dispose() => _cluster.Dispose();

    private sealed class RunningConsumer(ServiceProvider services, IHostedService service) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await service.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }

    private sealed class RecordingSink : IObservationSink
    {
        private readonly ConcurrentQueue<Observation> _taken = new();

        /// <summary>While set and not completed, each submission waits for it (after being counted).</summary>
        public TaskCompletionSource? Gate { get; init; }

        public int Count => _taken.Count;

        public IReadOnlyList<string> Keys => _taken.Select(o => o.Key.Id).ToArray();

        private int _marksFrom;

        public IReadOnlyList<string> Marked => _taken.Skip(_marksFrom).Where(o => o.Redelivered).Select(o => o.Key.Id).ToArray();

        /// <summary>Count marks only among the observations taken from now on.</summary>
        public void ForgetMarks() => _marksFrom = _taken.Count;

        public async Task SubmitAsync(Observation observation, CancellationToken cancellationToken)
        {
            _taken.Enqueue(observation);
            if (Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        }

        public Task SubmitAloneAsync(Observation observation, CancellationToken cancellationToken) => SubmitAsync(observation, cancellationToken);
    }
}
