using Npgsql;
using Orleans.Runtime;

namespace CityBrain.Persistence;

/// <summary>
/// Reads what <see cref="ConnectionBudget"/> needs from the server: its connection limits, and how many other nodes
/// of a cluster are live in the Orleans membership table (<c>0001_orleans.sql</c>).
/// </summary>
public sealed class PostgreSqlConnectionBudget(NpgsqlDataSource dataSource)
{
    // reserved_connections exists from PostgreSQL 16; current_setting(…, true) gives NULL on older servers.
    private const string SelectLimits = """
        SELECT current_setting('max_connections')::int,
               current_setting('superuser_reserved_connections')::int,
               coalesce(current_setting('reserved_connections', true)::int, 0)
        """;

    // Every status but Dead holds a pool: a node shutting down still has its connections until it has gone.
    // A row not refreshed within the window is a node that died without being declared dead (the whole cluster
    // was down, say); Orleans itself skips such rows when a silo joins, and so does this count, or a cluster that
    // comes back on new addresses would find its old rows and refuse to start. Rows at this node's own endpoint are
    // its older generations (a kill -9 and a restart): the process that held them is gone.
    private const string CountOtherLiveMembers = """
        SELECT count(*)::int FROM OrleansMembershipTable
        WHERE DeploymentId = $1 AND Status = ANY($2) AND IAmAliveTime >= $3
          AND NOT (Address = $4 AND Port = $5)
        """;

    private static readonly int[] LiveStatuses =
        [(int)SiloStatus.Created, (int)SiloStatus.Joining, (int)SiloStatus.Active, (int)SiloStatus.ShuttingDown, (int)SiloStatus.Stopping];

    /// <summary>The server's <c>max_connections</c>, and the connections it keeps from ordinary roles.</summary>
    public async Task<(int MaxConnections, int ReservedConnections)> ReadLimitsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectLimits);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1) + reader.GetInt32(2));
    }

    /// <summary>
    /// Members of cluster <paramref name="clusterId"/> that are not dead, have written their I-am-alive time at or
    /// after <paramref name="aliveSince"/>, and are not at <paramref name="address"/>:<paramref name="port"/> (the
    /// asking node's own silo endpoint, as Orleans writes it). 0 when the membership table does not exist yet.
    /// </summary>
    public async Task<int> CountOtherLiveMembersAsync(string clusterId, string address, int port, DateTimeOffset aliveSince, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CountOtherLiveMembers);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = LiveStatuses });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = aliveSince.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = port });
        try
        {
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A fresh database whose migrations are not applied (Storage:MigrateOnStart=false): no member yet.
            return 0;
        }
    }
}
