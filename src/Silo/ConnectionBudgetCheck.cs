using CityBrain.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CityBrain.Silo;

/// <summary>
/// Refuses the start of a PostgreSQL node whose cluster's connection pools would not fit the server
/// (<see cref="ConnectionBudget"/>): better one clear line now than <c>53300: sorry, too many clients already</c>
/// under load later. Counts this node and the other live members of its cluster, each assumed to have this node's
/// pool size. Runs as the host starts, after the migrations and before the silo joins the cluster, so a refused
/// node never appears in the membership. Nodes that start at the same moment may not see each other; the last of
/// them does.
/// </summary>
public sealed class ConnectionBudgetCheck(
    NpgsqlDataSource dataSource,
    IOptions<ClusterOptions> cluster,
    IOptions<EndpointOptions> endpoints,
    IOptions<ClusterMembershipOptions> membership,
    TimeProvider clock,
    ILogger<ConnectionBudgetCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (PostgreSqlPool.MaxConnections(dataSource) is not { } poolSize)
        {
            logger.LogWarning("Storage:ConnectionString turns pooling off: this node's PostgreSQL connections are not bounded, and the start-up check of max_connections is skipped");
            return;
        }

        var server = new PostgreSqlConnectionBudget(dataSource);
        var (maxConnections, reserved) = await server.ReadLimitsAsync(cancellationToken);
        var others = await server.CountOtherLiveMembersAsync(
            cluster.Value.ClusterId,
            endpoints.Value.AdvertisedIPAddress?.ToString() ?? "",
            endpoints.Value.SiloPort,
            clock.GetUtcNow() - StaleAfter(membership.Value),
            cancellationToken);
        var budget = new ConnectionBudget(maxConnections, reserved, others + 1, poolSize);
        if (budget.Refusal() is { } refusal) throw new ConnectionBudgetException(refusal);
        logger.LogInformation("PostgreSQL connections: at most {Needed} (Maximum Pool Size {PoolSize}, this node and {Others} other live members of its cluster) of the {Available} that max_connections {MaxConnections} leaves after {Reserved} reserved",
            budget.Needed, poolSize, others, budget.Available, maxConnections, reserved);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A member that has not written its I-am-alive time for this long is one Orleans no longer waits for when a
    /// silo joins (90 s with Orleans' defaults: every 30 s, 3 missed).
    /// </summary>
    public static TimeSpan StaleAfter(ClusterMembershipOptions options) => options.IAmAliveTablePublishTimeout * options.NumMissedTableIAmAliveLimit;
}
