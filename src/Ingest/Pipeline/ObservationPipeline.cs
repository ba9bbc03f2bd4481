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
/// <para>
/// The grains answer per observation (<see cref="IIngestGrain.SubmitEach"/>), so one point grain on a lost silo
/// does not hold up the batch: what the others took is done at once, and an observation whose fault is transient
/// (<see cref="TransientFaults"/>: its grain's silo is being declared dead, storage is unreachable) goes back on
/// the queue after a backoff, in place, until it is taken or its submitter gives up. The broker connection and the
/// rest of the feed are never disturbed by it. Any other fault fails the submitter's task, and the transport's
/// <see cref="PoisonGuard"/> takes over.
/// </para>
/// </summary>
public sealed class ObservationPipeline : BackgroundService, IObservationSink
{
    private static readonly TimeSpan RetryLogPeriod = TimeSpan.FromSeconds(5);

    private readonly Channel<Pending> _queue;

    // Unbounded, but it only ever holds observations that came through the bounded queue and whose submitters still
    // wait for them, so it is bounded by what the transports hold in flight.
    private readonly Channel<Retry> _retries = Channel.CreateUnbounded<Retry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<Observation[], Task<IngestResults>> _submitEach;
    private readonly Func<Observation[], Task> _submit;
    private readonly IngestOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ObservationPipeline> _logger;
    private readonly TransportProgress _progress;

    private readonly record struct Pending(Observation Observation, TaskCompletionSource Taken, int Attempt, CancellationToken Submitter);

    private readonly record struct Retry(Pending Pending, DateTimeOffset Due);

    public ObservationPipeline(IGrainFactory grains, IOptions<IngestOptions> options, IngestProgress progress, TimeProvider clock, ILogger<ObservationPipeline> logger)
        : this(observations => grains.GetGrain<IIngestGrain>(0).SubmitEach(observations), observations => grains.GetGrain<IIngestGrain>(0).Submit(observations),
            options, progress, clock, logger)
    {
    }

    /// <param name="submitEach">Hands a batch to the grains and says what became of each observation.</param>
    /// <param name="submit">Hands a batch to the grains and throws the grains' own exception if any observation failed.</param>
    public ObservationPipeline(
        Func<Observation[], Task<IngestResults>> submitEach, Func<Observation[], Task> submit,
        IOptions<IngestOptions> options, IngestProgress progress, TimeProvider clock, ILogger<ObservationPipeline> logger)
    {
        _submitEach = submitEach;
        _submit = submit;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _progress = progress.Queue;
        Retries = new RetryLog(logger, clock, RetryLogPeriod);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Observations retried in place because of transient faults, for the log (and tests).</summary>
    public RetryLog Retries { get; }

    /// <summary>
    /// Queue one observation; the task completes when its point grain has taken it. It fails with
    /// <see cref="ObservationNotTakenException"/> (or the batch's exception) if the grains refused it for a reason
    /// that is not transient, and is cancelled with <paramref name="cancellationToken"/>; transient faults are
    /// retried in place.
    /// </summary>
    public async Task SubmitAsync(Observation observation, CancellationToken cancellationToken)
    {
        using var waiting = _progress.Begin(observation.Key.ToString());
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(observation, taken, 1, cancellationToken), cancellationToken);
        await taken.Task.WaitAsync(cancellationToken);
        waiting.Done();
    }

    /// <inheritdoc />
    /// <remarks>The grains' own exception surfaces (for the dead letter's reason); transient faults are retried in place.</remarks>
    public async Task SubmitAloneAsync(Observation observation, CancellationToken cancellationToken)
    {
        using var waiting = _progress.Begin(observation.Key.ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // After a transient fault the earlier try may have been taken: the retry is a redelivery (see SubmitBatch).
                await _submit([attempt == 1 || observation.Redelivered ? observation : observation with { Redelivered = true }]).WaitAsync(cancellationToken);
                waiting.Done();
                return;
            }
            catch (Exception e) when (TransientFaults.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                Retries.Retrying(1, Describe(e));
                await Task.Delay(Backoff(attempt), _clock, cancellationToken);
            }
        }
    }

    /// <summary>Submit a whole batch directly (HTTP posts arrive batched already) and learn what became of each observation.</summary>
    public Task<IngestResults> SubmitBatchAsync(Observation[] observations) => _submitEach(observations);

    /// <summary>100 ms, doubling per attempt, at most 2 s.</summary>
    public static TimeSpan Backoff(int attempt) => PoisonGuard.Backoff(attempt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(_ => RunBatches(stoppingToken)).Append(RunRetries(stoppingToken)));
        }
        finally
        {
            while (_retries.Reader.TryRead(out var retry)) retry.Pending.Taken.TrySetCanceled(stoppingToken);
        }
    }

    private async Task RunBatches(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var pending))
                {
                    if (pending.Submitter.IsCancellationRequested) pending.Taken.TrySetCanceled(pending.Submitter);
                    else batch.Add(pending);
                }

                if (batch.Count == 0) continue;
                await SubmitBatch(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var pending in batch) pending.Taken.TrySetCanceled(stoppingToken);
        }
    }

    private async Task SubmitBatch(List<Pending> batch)
    {
        var observations = new Observation[batch.Count];
        for (var i = 0; i < batch.Count; i++) observations[i] = batch[i].Observation;
        IngestResults? results = null;
        Exception? failure = null;
        try
        {
            results = await _submitEach(observations);
        }
        catch (Exception e)
        {
            failure = e;
        }

        var retried = 0;
        string? retryFault = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (results?.Outcomes[i] is not null)
            {
                pending.Taken.TrySetResult();
            }
            else if (failure is null ? results!.Transient[i] : TransientFaults.IsTransient(failure))
            {
                retryFault ??= failure is null ? results!.Faults[i] : Describe(failure);
                retried++;
                // The failed try may have been taken before its answer was lost with the silo, so the retry is a
                // redelivery: the cell checks whether it is evidence already rather than let a better match take it twice.
                // Cannot fail: the channel is unbounded and only completed after the workers stop.
                var again = pending.Observation.Redelivered ? pending.Observation : pending.Observation with { Redelivered = true };
                _retries.Writer.TryWrite(new Retry(pending with { Observation = again, Attempt = pending.Attempt + 1 }, _clock.GetUtcNow() + Backoff(pending.Attempt)));
            }
            else if (failure is not null)
            {
                pending.Taken.TrySetException(failure);
            }
            else
            {
                pending.Taken.TrySetException(new ObservationNotTakenException(results!.Faults[i] ?? "the grains did not take it and gave no reason"));
            }
        }

        if (failure is not null && !TransientFaults.IsTransient(failure))
        {
            // Not acknowledged: each submitter's guard retries its observation alone, so one bad observation cannot fail the others twice.
            _logger.LogError(failure, "Grains did not take a batch of {Count} observations; each is tried again alone", batch.Count);
        }

        if (retried > 0) Retries.Retrying(retried, retryFault ?? "no reason given");
    }

    /// <summary>Puts retried observations back on the queue when their backoff is over, oldest first.</summary>
    private async Task RunRetries(CancellationToken stoppingToken)
    {
        Pending? waiting = null;
        try
        {
            while (await _retries.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_retries.Reader.TryRead(out var retry))
                {
                    waiting = retry.Pending;
                    var wait = retry.Due - _clock.GetUtcNow();
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, stoppingToken);
                    if (retry.Pending.Submitter.IsCancellationRequested) retry.Pending.Taken.TrySetCanceled(retry.Pending.Submitter);
                    else await _queue.Writer.WriteAsync(retry.Pending, stoppingToken);
                    waiting = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            waiting?.Taken.TrySetCanceled(stoppingToken);
        }
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
