using System.Buffers;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace CityBrain.Ingest.Pipeline;

/// <summary>
/// Keeps one bad message from stopping a broker transport (MQTT, Kafka). A message whose processing throws is
/// tried again in place, alone (see <see cref="IObservationSink.SubmitAloneAsync"/>), after a short backoff; once it
/// has failed <see cref="IngestOptions.PoisonAttempts"/> times for a reason that is not transient it becomes a dead
/// letter (field <c>$</c>, the exception's type and message as reason) and the transport acknowledges or commits it.
/// <para>
/// Transient (<see cref="IsTransient"/>): the grains or storage could not be reached, not that this message is bad.
/// Such a failure is rethrown at once, never dead-lettered: the transport keeps the message (MQTT: unacknowledged,
/// redelivered after a reconnect; Kafka: retried in place, offset not committed). Those are cancellation, timeouts,
/// Orleans losing a silo or the cluster (<see cref="SiloUnavailableException"/>,
/// <see cref="OrleansMessageRejectionException"/>, <see cref="ConnectionFailedException"/>,
/// <see cref="ClientNotAvailableException"/>, <see cref="GatewayTooBusyException"/>), and database faults the
/// provider calls transient (<see cref="DbException.IsTransient"/>, which Npgsql sets for connection failures and for
/// a server out of resources, 53300 too_many_connections among them: PostgreSQL at <c>max_connections</c>; see
/// <see cref="IsTransientDatabaseFault"/> for one that crossed from another silo), anywhere in the exception's inner
/// chain. Anything else a message makes the normaliser or the grains throw is its own fault.
/// </para>
/// </summary>
public sealed class PoisonGuard(MessageGateway gateway, IOptions<IngestOptions> options, TimeProvider clock, ILogger<PoisonGuard> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Take one message. Completes when it is safe to acknowledge (taken, or a dead letter); throws only for a
    /// transient fault (<see cref="IsTransient"/>), when it must not be acknowledged.
    /// </summary>
    public async Task<MessageOutcome> AcceptAsync(string transport, string origin, ReadOnlyMemory<byte> payload, bool redelivered, CancellationToken cancellationToken)
    {
        var attempts = options.Value.PoisonAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await gateway.AcceptAsync(transport, origin, payload, redelivered, alone: attempt > 1, cancellationToken);
            }
            catch (Exception e) when (!IsTransient(e) && attempt < attempts)
            {
                var delay = Backoff(attempt);
                logger.LogWarning("{Transport} message {Origin} failed (attempt {Attempt} of {Attempts}: {Type}: {Message}); trying it again alone in {Delay} ms",
                    transport, origin, attempt, attempts, e.GetType().Name, e.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, clock, cancellationToken);
            }
            catch (Exception e) when (!IsTransient(e))
            {
                logger.LogError(e, "{Transport} message {Origin} failed {Attempts} times; dead-lettered as poison so the messages after it flow", transport, origin, attempts);
                var letter = await gateway.DeadLetterAsync(transport, origin, "$", $"{e.GetType().FullName}: {e.Message}", null, null, new ReadOnlySequence<byte>(payload), cancellationToken);
                return new MessageOutcome(MessageDisposition.DeadLettered, null, letter);
            }
        }
    }

    /// <summary>100 ms, doubling per attempt, at most 2 s.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 << Math.Clamp(attempt - 1, 0, 5)));

    /// <summary>The failure says the grains, the cluster or storage could not take the message now, not that the message is bad.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException:
                case TimeoutException:
                case SiloUnavailableException:
                case OrleansMessageRejectionException:
                case ConnectionFailedException:
                case ClientNotAvailableException:
                case GatewayTooBusyException:
                case DbException db when IsTransientDatabaseFault(db):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A database fault the driver calls transient. A <see cref="PostgresException"/> thrown by a grain on another
    /// silo arrives rebuilt from its message and <see cref="Exception.Data"/> only (Orleans' exception codec), so its
    /// <see cref="PostgresException.SqlState"/>, and with it <see cref="DbException.IsTransient"/>, is gone; Npgsql
    /// also puts the SQLSTATE in <see cref="Exception.Data"/>, which does arrive, and Npgsql's own list judges it.
    /// </summary>
    private static bool IsTransientDatabaseFault(DbException exception)
    {
        if (exception.IsTransient) return true;
        var sqlState = exception.SqlState ?? exception.Data[nameof(PostgresException.SqlState)] as string;
        return sqlState is not null && new PostgresException(string.Empty, "ERROR", "ERROR", sqlState).IsTransient;
    }
}
