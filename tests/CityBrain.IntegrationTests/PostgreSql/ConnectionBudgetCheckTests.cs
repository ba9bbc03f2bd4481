using System.Net;
using CityBrain.Persistence;
using CityBrain.Silo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// The start-up check of a PostgreSQL node against the real server: its own limits, and fake members of a cluster
/// written into the membership table as Orleans writes them.
/// </summary>
public sealed class ConnectionBudgetCheckTests
{
    private const int OwnPort = 11111;
    private static readonly IPAddress OwnAddress = IPAddress.Loopback;

    [Fact]
    public async Task Four_pools_that_exceed_what_max_connections_leaves_are_refused_naming_the_limits_the_nodes_and_the_pool_size()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var (max, reserved) = await ServerLimits(db);
        var cluster = $"budget-{Guid.NewGuid():N}";
        await AddMember(db, cluster, OtherPort(1), SiloStatus.Active);
        await AddMember(db, cluster, OtherPort(2), SiloStatus.Joining);
        await AddMember(db, cluster, OtherPort(3), SiloStatus.Created);
        var fits = (max - reserved) / 4;

        await RunCheck(db, cluster, fits);
        var refused = await Assert.ThrowsAsync<ConnectionBudgetException>(() => RunCheck(db, cluster, fits + 1));

        Assert.Contains($"4 nodes (this one and 3 other live members of its cluster) with Maximum Pool Size {fits + 1} each: {4 * (fits + 1)} connections", refused.Message);
        Assert.Contains($"max_connections {max} minus {reserved} reserved", refused.Message);
        Assert.Contains($"set Maximum Pool Size={fits} or less in Storage:ConnectionString", refused.Message);
        Assert.Contains($"raise max_connections to {4 * (fits + 1) + reserved} or more", refused.Message);
    }

    [Fact]
    public async Task Older_generations_at_this_nodes_own_endpoint_dead_and_stale_members_and_other_clusters_do_not_count()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var (max, reserved) = await ServerLimits(db);
        var cluster = $"budget-{Guid.NewGuid():N}";
        // This node killed with -9 and restarted, twice: its old generations are still Active at its endpoint.
        await AddMember(db, cluster, OwnPort, SiloStatus.Active, generation: 1);
        await AddMember(db, cluster, OwnPort, SiloStatus.Active, generation: 2);
        await AddMember(db, cluster, OwnPort, SiloStatus.Joining, generation: 3);
        // Counted: a live node, and one still shutting down (it holds its pool until it has gone).
        await AddMember(db, cluster, OtherPort(1), SiloStatus.Active);
        await AddMember(db, cluster, OtherPort(2), SiloStatus.ShuttingDown);
        // Not counted: a dead node, a node that stopped writing its I-am-alive time long ago, another cluster's node.
        await AddMember(db, cluster, OtherPort(3), SiloStatus.Dead);
        await AddMember(db, cluster, OtherPort(4), SiloStatus.Active, aliveAgo: TimeSpan.FromMinutes(10));
        await AddMember(db, $"other-{cluster}", OtherPort(5), SiloStatus.Active);
        await AddMember(db, $"other-{cluster}", OtherPort(6), SiloStatus.Active);
        var fits = (max - reserved) / 3;

        await RunCheck(db, cluster, fits);
        var refused = await Assert.ThrowsAsync<ConnectionBudgetException>(() => RunCheck(db, cluster, fits + 1));

        Assert.Contains($"3 nodes (this one and 2 other live members of its cluster) with Maximum Pool Size {fits + 1}", refused.Message);
    }

    [Fact]
    public async Task On_a_database_without_the_membership_table_yet_the_node_counts_only_itself()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var (max, reserved) = await ServerLimits(db);

        await RunCheck(db, "budget-fresh", max - reserved);
        var refused = await Assert.ThrowsAsync<ConnectionBudgetException>(() => RunCheck(db, "budget-fresh", max - reserved + 1));

        Assert.StartsWith($"PostgreSQL cannot take the connections of 1 node (this one) with Maximum Pool Size {max - reserved + 1}", refused.Message);
        Assert.Null(await db.ScalarAsync<string>("SELECT to_regclass('orleansmembershiptable')::text"));
    }

    [Fact]
    public async Task Connection_string_without_a_pool_size_gets_the_default_and_three_such_nodes_fit_any_server_with_PostgreSQLs_defaults_or_more()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var cluster = $"budget-{Guid.NewGuid():N}";
        await AddMember(db, cluster, OtherPort(1), SiloStatus.Active);
        await AddMember(db, cluster, OtherPort(2), SiloStatus.Active);
        var withoutPoolSize = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        withoutPoolSize.Remove("Maximum Pool Size");
        await using var dataSource = PostgreSqlPool.CreateDataSource(withoutPoolSize.ConnectionString);

        Assert.Equal(PostgreSqlPool.DefaultMaxPoolSize, PostgreSqlPool.MaxConnections(dataSource));
        await Check(dataSource, cluster).StartAsync(CancellationToken.None);
    }

    /// <summary>The server's own figures, read here independently of the code under test.</summary>
    private static async Task<(int Max, int Reserved)> ServerLimits(TestDatabase db)
    {
        var max = await db.ScalarAsync<int>("SELECT current_setting('max_connections')::int");
        var reserved = await db.ScalarAsync<int>("SELECT current_setting('superuser_reserved_connections')::int + coalesce(current_setting('reserved_connections', true)::int, 0)");
        return (max, reserved);
    }

    private static int OtherPort(int n) => OwnPort + n;

    private static async Task RunCheck(TestDatabase db, string cluster, int poolSize)
    {
        await using var dataSource = PostgreSqlPool.CreateDataSource(new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = poolSize }.ConnectionString);
        await Check(dataSource, cluster).StartAsync(CancellationToken.None);
    }

    private static ConnectionBudgetCheck Check(NpgsqlDataSource dataSource, string cluster) => new(
        dataSource,
        Options.Create(new ClusterOptions { ClusterId = cluster, ServiceId = StorageProviders.ServiceId }),
        Options.Create(new EndpointOptions { AdvertisedIPAddress = OwnAddress, SiloPort = OwnPort }),
        Options.Create(new ClusterMembershipOptions()),
        TimeProvider.System,
        NullLogger<ConnectionBudgetCheck>.Instance);

    /// <summary>A member row as Orleans' clustering provider writes it (address as text, I-am-alive time by the silo).</summary>
    private static async Task AddMember(TestDatabase db, string cluster, int port, SiloStatus status, int generation = 1, TimeSpan aliveAgo = default)
    {
        await using var batch = db.DataSource.CreateBatch();
        var version = new NpgsqlBatchCommand("INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ($1) ON CONFLICT DO NOTHING");
        version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster });
        var member = new NpgsqlBatchCommand("""
            INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES ($1, $2, $3, $4, 'fake', 'fake', $5, 0, now(), now() - $6)
            """);
        member.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster });
        member.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OwnAddress.ToString() });
        member.Parameters.Add(new NpgsqlParameter<int> { TypedValue = port });
        member.Parameters.Add(new NpgsqlParameter<int> { TypedValue = generation });
        member.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)status });
        member.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = aliveAgo });
        batch.BatchCommands.Add(version);
        batch.BatchCommands.Add(member);
        await batch.ExecuteNonQueryAsync();
    }
}
