using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// The one producer of a node, shared by egress and dead letters. <see cref="Enqueue"/> never waits for the
/// broker: librdkafka batches in the background and reports each delivery to its handler. Idempotence keeps
/// retries from duplicating or reordering messages of a partition, so per-key order holds.
/// </summary>
public sealed class KafkaProducerHost : IDisposable
{
    private readonly ILogger<KafkaProducerHost> _logger;
    private readonly Lazy<IProducer<string?, byte[]>> _producer;
    private long _failed;

    public KafkaProducerHost(IOptions<KafkaOptions> options, ILogger<KafkaProducerHost> logger)
    {
        _logger = logger;
        _producer = new Lazy<IProducer<string?, byte[]>>(() =>
        {
            var config = KafkaClientConfig.With(new ProducerConfig
            {
                EnableIdempotence = true,
                Acks = Acks.All,
                LingerMs = 5,
                // Retry for as long as the process lives rather than drop a message after a broker outage.
                MessageTimeoutMs = 0,
            }, options.Value);
            return new ProducerBuilder<string?, byte[]>(config)
                .SetErrorHandler((_, e) => _logger.LogWarning("Kafka producer: {Reason}", e.Reason))
                .SetLogHandler((_, m) => LibrdkafkaLog.Forward(_logger, m))
                .Build();
        });
    }

    /// <summary>Deliveries that failed for good (each also logged as an error).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// Hand a message to the producer's queue. When the queue is full, wait (asynchronously) for room: that is
    /// the back-pressure of a slow broker. <paramref name="delivered"/> runs once the broker has it, or failed.
    /// </summary>
    public async ValueTask Enqueue(string topic, string? key, byte[] value, Headers? headers, Action<DeliveryReport<string?, byte[]>>? delivered = null)
    {
        var message = new Message<string?, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                _producer.Value.Produce(topic, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref _failed);
                        _logger.LogError("Kafka delivery to {Topic} (key {Key}) failed: {Reason}", topic, key, report.Error.Reason);
                    }

                    delivered?.Invoke(report);
                });
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                await Task.Delay(5);
            }
        }
    }

    /// <summary>Like <see cref="Enqueue"/>, completing when the broker has the message.</summary>
    public async Task DeliverAsync(string topic, string? key, byte[] value, Headers? headers)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Enqueue(topic, key, value, headers, report =>
        {
            if (report.Error.IsError) done.TrySetException(new KafkaException(report.Error));
            else done.TrySetResult();
        });
        await done.Task;
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        // Give queued messages a chance to leave; what cannot is logged by its delivery handler as failed.
        _producer.Value.Flush(TimeSpan.FromSeconds(10));
        _producer.Value.Dispose();
    }
}
