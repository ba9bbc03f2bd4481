using System.Diagnostics;
using System.Text;
using CityBrain.Ingest.Pipeline;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// Consumes the event topics in one consumer group shared by all nodes. At least once: a partition's offset is
/// committed only past records the grains have taken or that were dead-lettered (store and topic). In-flight work
/// is bounded per partition (the partition pauses, then resumes), so a slow grain cannot grow memory. The
/// blocking consume loop runs on its own thread. Records of one partition are handed to the pipeline in offset
/// order, which keeps each point's events in order when producers key by point id. A record that keeps failing is
/// dead-lettered and committed past (<see cref="PoisonGuard"/>); one larger than <see cref="KafkaOptions.MaxRecordBytes"/>
/// at once. A transient fault of the grains or storage is retried in place, without committing.
/// </summary>
public sealed class KafkaIngestService(
    IOptions<KafkaOptions> options,
    PoisonGuard guard,
    MessageGateway gateway,
    KafkaProducerHost producer,
    IngestProgress progress,
    ILogger<KafkaIngestService> logger) : BackgroundService
{
    private readonly Dictionary<TopicPartition, PartitionFlow> _flows = [];
    private readonly CancellationTokenSource _processing = new();
    private long _lastCommitTicks;
    private TimeSpan _revokeDrain = TimeSpan.FromSeconds(5);

    /// <summary>The consumer's session timeout unless <c>Kafka:Client:session.timeout.ms</c> sets one: 10 s.</summary>
    public const int DefaultSessionTimeoutMs = 10_000;

    /// <summary>
    /// How long a fetch may wait at the broker for data unless <c>Kafka:Client:fetch.wait.max.ms</c> sets it: 10 ms.
    /// librdkafka's 500 ms costs nothing against a broker that answers as soon as data arrives, but librdkafka's mock
    /// cluster (<c>kafka mock</c>, <c>Kafka:Embedded</c>) answers an empty fetch only when the wait is over, so every
    /// lull cost up to half a second: p50 0.5-1.6 s from publish to the SSE change at 1,000 events/s (issue 17). Against
    /// a real broker the shorter wait only means more empty fetches while the topic is idle.
    /// </summary>
    public const int DefaultFetchWaitMaxMs = 10;

    /// <summary>The consumer's settings: CityBrain's defaults, then whatever <c>Kafka:Client</c> sets.</summary>
    internal static ConsumerConfig ConsumerSettings(KafkaOptions o) => KafkaClientConfig.With(new ConsumerConfig
    {
        GroupId = o.GroupId,
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        // A node that died hands its partitions on after the session timeout: librdkafka's 45 s would hold a
        // share of the feed that long. Kafka:Client:session.timeout.ms still overrides it.
        SessionTimeoutMs = DefaultSessionTimeoutMs,
        HeartbeatIntervalMs = DefaultSessionTimeoutMs / 3,
        FetchWaitMaxMs = DefaultFetchWaitMaxMs,
    }, o);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var thread = new TaskCompletionSource();
        new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                thread.SetResult();
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "Kafka consume loop failed");
                thread.SetException(e);
            }
        }) { IsBackground = true, Name = "kafka-consume" }.Start();
        return thread.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var config = ConsumerSettings(o);
        // A revocation that waits longer than the session for records stuck on a lost silo would get this node
        // thrown out of the group as well; what it has not finished is redelivered to the next owner instead.
        _revokeDrain = TimeSpan.FromMilliseconds(Math.Min(20_000, (config.SessionTimeoutMs ?? DefaultSessionTimeoutMs) / 2));
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config)
            .SetErrorHandler((_, e) => logger.LogWarning("Kafka consumer: {Reason}", e.Reason))
            .SetLogHandler((_, m) => LibrdkafkaLog.Forward(logger, m))
            .SetPartitionsAssignedHandler((c, partitions) => Assigned(c, partitions))
            .SetPartitionsRevokedHandler((c, partitions) => Release(c, partitions.Select(p => p.TopicPartition), commit: true))
            .SetPartitionsLostHandler((c, partitions) => Release(c, partitions.Select(p => p.TopicPartition), commit: false))
            .Build();
        consumer.Subscribe(o.Topics);
        logger.LogInformation("Consuming Kafka {Topics} at {Servers} in group {Group}", string.Join(", ", o.Topics), o.BootstrapServers, o.GroupId);
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumeResult<Ignore, byte[]>? record;
            try
            {
                record = consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
            catch (ConsumeException e)
            {
                logger.LogWarning("Kafka consume: {Reason}", e.Error.Reason);
                continue;
            }

            if (record is { IsPartitionEOF: false } && _flows.TryGetValue(record.TopicPartition, out var flow)) Hand(consumer, record, flow);
            Housekeep(consumer, force: false);
        }

        // Finish what was handed, commit it, and leave the group so the others take the partitions at once.
        Drain(TimeSpan.FromSeconds(20));
        Housekeep(consumer, force: true);
        _processing.Cancel();
        consumer.Close();
    }

    private void Hand(IConsumer<Ignore, byte[]> consumer, ConsumeResult<Ignore, byte[]> record, PartitionFlow flow)
    {
        if (flow.NeedsFirstCommit && !CommitFirst(consumer, record, flow)) return;
        var offset = record.Offset.Value;
        flow.Handed(offset);
        _ = Process(record, flow.Redelivery.Suspects(offset), flow);
    }

    /// <summary>
    /// The group holds no offset for this partition: commit the first record's own offset (where the next owner would
    /// start anyway) before handing it, so that "no committed offset" keeps meaning "no owner ever handed a record"
    /// (<see cref="RedeliveryWindow"/>). If the commit fails, the record is not handed: the consumer goes back to it.
    /// </summary>
    private bool CommitFirst(IConsumer<Ignore, byte[]> consumer, ConsumeResult<Ignore, byte[]> record, PartitionFlow flow)
    {
        try
        {
            consumer.Commit([record.TopicPartitionOffset]);
            flow.FirstCommitted();
            return true;
        }
        catch (KafkaException e)
        {
            logger.LogWarning("Kafka {Partition}: the first offset could not be committed ({Reason}); the record waits until it is", record.TopicPartition, e.Error.Reason);
            consumer.Seek(record.TopicPartitionOffset);
            // The coordinator is unreachable or rebalancing; a short pause keeps this from spinning on the same record.
            Thread.Sleep(100);
            return false;
        }
    }

    private async Task Process(ConsumeResult<Ignore, byte[]> record, bool redelivered, PartitionFlow flow)
    {
        var origin = $"{record.Topic}/{record.Partition.Value}@{record.Offset.Value}";
        var payload = record.Message.Value ?? [];
        var maxBytes = options.Value.MaxRecordBytes;
        using var ticket = progress.Kafka.Begin($"kafka {origin}");
        // Kept across retries: a record taken or dead-lettered is not taken again when only the topic write failed.
        MessageOutcome? taken = null;
        for (var attempt = 1; !_processing.IsCancellationRequested; attempt++)
        {
            try
            {
                if (taken is null && payload.Length > maxBytes)
                {
                    var oversize = gateway.Letter("kafka", origin, "$", $"record of {payload.Length} bytes is larger than Kafka:MaxRecordBytes ({maxBytes})", null, null, new System.Buffers.ReadOnlySequence<byte>(payload));
                    await gateway.KeepAsync(oversize, _processing.Token);
                    taken = new MessageOutcome(MessageDisposition.DeadLettered, null, oversize);
                }

                var outcome = taken ??= await guard.AcceptAsync("kafka", origin, payload, redelivered, _processing.Token);

                if (outcome.DeadLetter is { } letter)
                {
                    await producer.DeliverAsync(options.Value.DeadLetterTopic, letter.EventId, letter.Payload, new Headers
                    {
                        { "citybrain-reason", Encoding.UTF8.GetBytes(letter.Reason) },
                        { "citybrain-field", Encoding.UTF8.GetBytes(letter.Field) },
                        { "citybrain-original-topic", Encoding.UTF8.GetBytes(record.Topic) },
                        { "citybrain-original-partition", Encoding.UTF8.GetBytes(record.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        { "citybrain-original-offset", Encoding.UTF8.GetBytes(record.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        { "citybrain-payload-size", Encoding.UTF8.GetBytes(letter.PayloadSize.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        { "citybrain-payload-sha256", Encoding.UTF8.GetBytes(letter.PayloadSha256) },
                    });
                }
                else if (options.Value.EventsTopic is { Length: > 0 } events && outcome.Observation is { } observation)
                {
                    await producer.Enqueue(events, observation.PointId, IncidentCloudEvents.Event(observation), headers: null);
                }

                flow.MarkDone(record.Offset.Value);
                ticket.Done();
                return;
            }
            catch (OperationCanceledException) when (_processing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A transient fault of the grains or storage (PoisonGuard rethrows only those), or the dead-letter
                // topic not reachable. Not done, so not committed: retried here, and redelivered after a crash.
                logger.LogWarning("Kafka record {Origin} not taken: the grains, storage or dead-letter topic could not take it now (attempt {Attempt}, {Type}: {Message}); retrying",
                    origin, attempt, e.GetType().Name, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)));
            }
        }
    }

    /// <summary>Move committable offsets, commit when due, pause full partitions and resume drained ones.</summary>
    private void Housekeep(IConsumer<Ignore, byte[]> consumer, bool force)
    {
        var o = options.Value;
        var due = force || Stopwatch.GetElapsedTime(_lastCommitTicks).TotalMilliseconds >= o.CommitIntervalMs;
        List<TopicPartition>? commits = null, pause = null, resume = null;
        foreach (var (partition, flow) in _flows)
        {
            flow.Advance();
            if (flow.Committable >= 0 && (due || flow.DoneSinceCommit >= o.CommitEvery)) (commits ??= []).Add(partition);
            if (!flow.Paused && flow.InFlight >= o.MaxInFlightPerPartition) (pause ??= []).Add(partition);
            else if (flow.Paused && flow.InFlight <= o.MaxInFlightPerPartition / 2) (resume ??= []).Add(partition);
        }

        if (pause is not null)
        {
            consumer.Pause(pause);
            foreach (var p in pause) _flows[p].Paused = true;
        }

        if (resume is not null)
        {
            consumer.Resume(resume);
            foreach (var p in resume) _flows[p].Paused = false;
        }

        if (due) _lastCommitTicks = Stopwatch.GetTimestamp();
        if (commits is not null) CommitDone(consumer, commits);
    }

    /// <summary>Commit each partition past its contiguous run of done records (partitions with none are skipped).</summary>
    private void CommitDone(IConsumer<Ignore, byte[]> consumer, IEnumerable<TopicPartition> partitions)
    {
        var commits = new List<TopicPartitionOffset>();
        foreach (var p in partitions)
        {
            _flows[p].Advance();
            if (_flows[p].Committable >= 0) commits.Add(new TopicPartitionOffset(p, _flows[p].Committable));
        }

        if (commits.Count == 0) return;
        try
        {
            consumer.Commit(commits);
            foreach (var c in commits) _flows[c.TopicPartition].Committed();
        }
        catch (KafkaException e)
        {
            logger.LogWarning("Kafka commit failed ({Reason}); the records stay uncommitted and are redelivered by the partition's next owner", e.Error.Reason);
        }
    }

    private void Assigned(IConsumer<Ignore, byte[]> consumer, List<TopicPartition> partitions)
    {
        // Records a previous owner may have processed without committing get the redelivery check; the rest do not
        // need it, and the check costs a call to every incident that could hold the record (RedeliveryWindow).
        var window = options.Value.MaxInFlightPerPartition + options.Value.CommitEvery;
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        foreach (var c in committed)
        {
            var redelivery = RedeliveryWindow.At(c.Offset.Value, c.Offset.Value >= 0 ? HighWatermark(consumer, c.TopicPartition) : -1, window);
            _flows[c.TopicPartition] = new PartitionFlow(redelivery);
        }

        logger.LogInformation("Kafka partitions assigned: {Partitions}; records that may be redeliveries: {Suspects}", string.Join(", ", partitions),
            string.Join(", ", committed.Select(c => _flows[c.TopicPartition].Redelivery is { Count: > 0 } r ? $"{c.TopicPartition} [{r.From}, {r.Until})" : $"{c.TopicPartition} none")));
    }

    /// <summary>The partition's high watermark now, or -1 if the broker does not answer (then only the window bounds the suspects).</summary>
    private long HighWatermark(IConsumer<Ignore, byte[]> consumer, TopicPartition partition)
    {
        try
        {
            return consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
        }
        catch (KafkaException e)
        {
            logger.LogWarning("Kafka {Partition}: high watermark not read ({Reason}); suspecting the whole redelivery window", partition, e.Error.Reason);
            return -1;
        }
    }

    private void Release(IConsumer<Ignore, byte[]> consumer, IEnumerable<TopicPartition> partitions, bool commit)
    {
        var released = partitions.Where(_flows.ContainsKey).ToList();
        if (commit)
        {
            // Let the handed records finish and commit them, so the next owner starts right after them.
            Drain(_revokeDrain, released);
            CommitDone(consumer, released);
        }

        foreach (var p in released) _flows.Remove(p);
        logger.LogInformation("Kafka partitions {Verb}: {Partitions}", commit ? "revoked" : "lost", string.Join(", ", released));
    }

    private void Drain(TimeSpan timeout, IReadOnlyCollection<TopicPartition>? only = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var busy = false;
            foreach (var (partition, flow) in _flows)
            {
                if (only is not null && !only.Contains(partition)) continue;
                flow.Advance();
                busy |= flow.InFlight > 0;
            }

            if (!busy) return;
            Thread.Sleep(20);
        }
    }

    public override void Dispose()
    {
        _processing.Dispose();
        base.Dispose();
    }
}
