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
    /// provider calls transient (<see cref="DbException.IsTransient"/>, which Npgsql sets for connection failures),
    /// anywhere in the exception's inner chain.
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
                case DbException { IsTransient: true }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }
}
