using System.Threading.Channels;
using CityBrain.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// Gathers observations from every transport into batches for <see cref="IIngestGrain"/>, so a burst of
/// messages costs one grain call per batch rather than per message. Each submitter gets a task that completes
/// only once the grains have taken its observation: transports acknowledge (MQTT PUBACK, HTTP 202) on that.
/// The queue is bounded: when the grains fall behind, submitters wait, and brokers hold their messages.
/// </summary>
public sealed class ObservationPipeline : BackgroundService, IObservationSink
{
    private readonly Channel<Pending> _queue;
    private readonly IGrainFactory _grains;
    private readonly IngestOptions _options;
    private readonly ILogger<ObservationPipeline> _logger;
    private readonly TransportProgress _progress;

    private readonly record struct Pending(Observation Observation, TaskCompletionSource Taken);

    public ObservationPipeline(IGrainFactory grains, IOptions<IngestOptions> options, IngestProgress progress, ILogger<ObservationPipeline> logger)
    {
        _grains = grains;
        _options = options.Value;
        _logger = logger;
        _progress = progress.Queue;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Queue one observation; the task completes when its point grain has taken it, and fails if the grains could not.</summary>
    public async Task SubmitAsync(Observation observation, CancellationToken cancellationToken)
    {
        using var waiting = _progress.Begin(observation.Key.ToString());
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(observation, taken), cancellationToken);
        await taken.Task.WaitAsync(cancellationToken);
        waiting.Done();
    }

    /// <inheritdoc />
    public async Task SubmitAloneAsync(Observation observation, CancellationToken cancellationToken)
    {
        using var waiting = _progress.Begin(observation.Key.ToString());
        await _grains.GetGrain<IIngestGrain>(0).Submit([observation]).WaitAsync(cancellationToken);
        waiting.Done();
    }

    /// <summary>Submit a whole batch directly (HTTP posts arrive batched already) and learn what became of each observation.</summary>
    public Task<IngestResults> SubmitBatchAsync(Observation[] observations) =>
        _grains.GetGrain<IIngestGrain>(0).SubmitEach(observations);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(_ => RunBatches(stoppingToken)));

    private async Task RunBatches(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
                if (batch.Count == 0) continue;
                try
                {
                    var observations = new Observation[batch.Count];
                    for (var i = 0; i < batch.Count; i++) observations[i] = batch[i].Observation;
                    await _grains.GetGrain<IIngestGrain>(0).Submit(observations);
                    foreach (var pending in batch) pending.Taken.TrySetResult();
                }
                catch (Exception e)
                {
                    // Not acknowledged, so the broker redelivers; the idempotency key makes the retry safe.
                    _logger.LogError(e, "Grains did not take a batch of {Count} observations; they stay unacknowledged", batch.Count);
                    foreach (var pending in batch) pending.Taken.TrySetException(e);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var pending in batch) pending.Taken.TrySetCanceled(stoppingToken);
        }
    }
}
