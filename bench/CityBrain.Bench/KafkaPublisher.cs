using CityBrain.Ingest.Kafka;
using Confluent.Kafka;

namespace CityBrain.Bench;

/// <summary>
/// Produces each line to a Kafka topic keyed by its subject (reporting point), so a point's events share a
/// partition and keep their order. Non-blocking produce; delivery reports settle the ledger.
/// </summary>
public sealed class KafkaPublisher : IEventPublisher
{
    private readonly string _servers;
    private readonly string _topic;
    private readonly RejectionLog _rejections = new();
    private IProducer<string?, byte[]>? _producer;
    private long _pending;
    private Exception? _failure;

    public KafkaPublisher(string servers, string topic)
    {
        _servers = servers;
        _topic = topic;
    }

    public string Target => $"kafka://{_servers}/{_topic}";

    public int MaxSlice => 1000;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        BundledLibrdkafka.Register();
        _producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = _servers, EnableIdempotence = true, LingerMs = 5, CompressionType = CompressionType.Lz4 }).Build();
        try
        {
            using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
            admin.GetMetadata(_topic, TimeSpan.FromSeconds(10));
        }
        catch (KafkaException e)
        {
            throw new BenchException($"cannot reach Kafka {_servers} for topic {_topic}: {e.Error.Reason}", e);
        }

        return Task.CompletedTask;
    }

    public async Task PublishAsync(IReadOnlyList<ReplayEvent> slice, IPublishLedger ledger, CancellationToken cancellationToken)
    {
        foreach (var replayEvent in slice)
        {
            if (Volatile.Read(ref _failure) is { } failure) throw new BenchException($"Kafka produce to {Target} failed: {failure.Message}", failure);
            ledger.MarkSending(replayEvent);
            Interlocked.Increment(ref _pending);
            while (true)
            {
                try
                {
                    _producer!.Produce(_topic, new Message<string?, byte[]> { Key = replayEvent.Subject, Value = replayEvent.Payload }, report =>
                    {
                        if (report.Error.IsError)
                        {
                            ledger.MarkRejected(replayEvent);
                            _rejections.Report($"{replayEvent.Key?.ToString() ?? "?"}: {report.Error.Reason}");
                        }
                        else
                        {
                            ledger.MarkAccepted(1);
                        }

                        Interlocked.Decrement(ref _pending);
                    });
                    break;
                }
                catch (ProduceException<string?, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Interlocked.Decrement(ref _pending);
                    Interlocked.CompareExchange(ref _failure, e, null);
                    throw new BenchException($"Kafka produce to {Target} failed: {e.Message}", e);
                }
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _pending) > 0)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _producer?.Flush(TimeSpan.FromSeconds(10));
        _producer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
