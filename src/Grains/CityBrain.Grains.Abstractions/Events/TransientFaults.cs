using System.Data.Common;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace CityBrain.Events;

/// <summary>
/// Which failures say the grains, the cluster or storage could not take an observation now, rather than that the
/// observation is bad: those are retried in place, never dead-lettered. One rule for the grains (per-observation
/// faults of a batch) and for every transport.
/// </summary>
public static class TransientFaults
{
    /// <summary>
    /// Cancellation, timeouts, Orleans losing a silo or the cluster (<see cref="SiloUnavailableException"/>,
    /// <see cref="OrleansMessageRejectionException"/>, <see cref="ConnectionFailedException"/>,
    /// <see cref="ClientNotAvailableException"/>, <see cref="GatewayTooBusyException"/>), and database faults the
    /// provider calls transient (<see cref="DbException.IsTransient"/>, which Npgsql sets for connection failures and
    /// for a server out of resources, 53300 too_many_connections among them) or whose SQLSTATE says so
    /// (<see cref="IsTransientSqlState"/>), anywhere in the exception's inner chain.
    /// </summary>
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
                case DbException db when db.IsTransient || IsTransientSqlState(db.SqlState ?? db.Data[nameof(DbException.SqlState)] as string):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// PostgreSQL's SQLSTATEs for a server that cannot serve now rather than a statement that is wrong: class 08
    /// (connection exception), class 53 (insufficient resources: 53300 too_many_connections when the cluster's pools
    /// outgrow <c>max_connections</c>, disk full, out of memory), 57P03 cannot_connect_now (starting or recovering),
    /// 40001 serialization_failure and 40P01 deadlock_detected. Checked besides <see cref="DbException.IsTransient"/>
    /// because a database exception thrown by a grain on another silo arrives rebuilt by Orleans from its message and
    /// <see cref="Exception.Data"/> only: its <see cref="DbException.SqlState"/> and <c>IsTransient</c> are gone, but
    /// Npgsql also keeps the SQLSTATE in <see cref="Exception.Data"/>, which arrives.
    /// </summary>
    public static bool IsTransientSqlState(string? sqlState) =>
        sqlState is { Length: 5 } && (sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("53", StringComparison.Ordinal)
                                      || sqlState is "57P03" or "40001" or "40P01");
}
