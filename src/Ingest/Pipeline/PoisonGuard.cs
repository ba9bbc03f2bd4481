using System.Buffers;
using CityBrain.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// Keeps one bad message from stopping a broker transport (MQTT, Kafka). A message whose processing throws is
/// tried again in place, alone (see <see cref="IObservationSink.SubmitAloneAsync"/>), after a short backoff; once it
/// has failed <see cref="IngestOptions.PoisonAttempts"/> times for a reason that is not transient it becomes a dead
/// letter (field <c>$</c>, the exception's type and message as reason) and the transport acknowledges or commits it.
/// <para>
/// Transient (<see cref="TransientFaults"/>): the grains or storage could not be reached, not that this message is
/// bad (a silo being declared dead, PostgreSQL unreachable or out of connections). Such a failure is retried in place
/// with a backoff, without limit and without counting as an attempt, until it succeeds or the transport stops; it is
/// never dead-lettered, and the transport keeps its connection and the message (MQTT: unacknowledged; Kafka: offset
/// not committed). Anything else a message makes the normaliser or the grains throw is its own fault.
/// </para>
/// </summary>
public sealed class PoisonGuard(MessageGateway gateway, IOptions<IngestOptions> options, TimeProvider clock, ILogger<PoisonGuard> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private readonly RetryLog _retries = new(logger, clock, TimeSpan.FromSeconds(5));

    /// <summary>
    /// Take one message. Completes when it is safe to acknowledge (taken, or a dead letter); throws only when
    /// <paramref name="cancellationToken"/> is cancelled, when it must not be acknowledged.
    /// </summary>
    public async Task<MessageOutcome> AcceptAsync(string transport, string origin, ReadOnlyMemory<byte> payload, bool redelivered, CancellationToken cancellationToken)
    {
        var attempts = options.Value.PoisonAttempts;
        var failures = 0;
        string? poison = null;
        for (var transientRetries = 1; ; )
        {
            try
            {
                if (poison is null)
                {
                    // A try that failed transiently may have been taken before its answer was lost: later tries are redeliveries.
                    return await gateway.AcceptAsync(transport, origin, payload, redelivered || transientRetries > 1, alone: failures > 0, cancellationToken);
                }

                // A storage fault keeping the letter is transient like any other: retried below, the message kept meanwhile.
                var letter = await gateway.DeadLetterAsync(transport, origin, "$", poison, null, null, new ReadOnlySequence<byte>(payload), cancellationToken);
                return new MessageOutcome(MessageDisposition.DeadLettered, null, letter);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                _retries.Retrying(1, $"{transport} {origin}: {e.GetType().Name}: {e.Message}");
                await Task.Delay(Backoff(transientRetries++), clock, cancellationToken);
            }
            catch (Exception e) when (!IsTransient(e))
            {
                if (poison is not null) throw;
                failures++;
                if (failures < attempts)
                {
                    var delay = Backoff(failures);
                    logger.LogWarning("{Transport} message {Origin} failed (attempt {Attempt} of {Attempts}: {Type}: {Message}); trying it again alone in {Delay} ms",
                        transport, origin, failures, attempts, e.GetType().Name, e.Message, (int)delay.TotalMilliseconds);
                    await Task.Delay(delay, clock, cancellationToken);
                }
                else
                {
                    logger.LogError(e, "{Transport} message {Origin} failed {Attempts} times; dead-lettered as poison so the messages after it flow", transport, origin, attempts);
                    poison = $"{e.GetType().FullName}: {e.Message}";
                }
            }
        }
    }

    /// <summary>100 ms, doubling per attempt, at most 2 s.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 << Math.Clamp(attempt - 1, 0, 5)));

    /// <summary>The failure says the grains, the cluster or storage could not take the message now, not that the message is bad.</summary>
    public static bool IsTransient(Exception exception) => TransientFaults.IsTransient(exception);
}
