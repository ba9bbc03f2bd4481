using Npgsql;

namespace CityBrain.EndToEndTests;

/// <summary>A PostgreSQL node whose connection pool cannot fit the server is refused at start, by its settings' names.</summary>
public sealed class ConnectionBudgetTests
{
    [Fact]
    public async Task A_pool_larger_than_max_connections_allows_stops_the_start_with_exit_78_naming_both_and_the_node_never_joins()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var max = await db.ScalarAsync<int>("SELECT current_setting('max_connections')::int");
        var reserved = await db.ScalarAsync<int>("SELECT current_setting('superuser_reserved_connections')::int + coalesce(current_setting('reserved_connections', true)::int, 0)");
        var poolSize = Math.Max(500, max + 1);
        var cluster = $"budget-{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = poolSize }.ConnectionString;

        var (exitCode, stdout, stderr) = await RefusedStart.RunAsync(Environment.CurrentDirectory,
            "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connectionString}", $"--Orleans:ClusterId={cluster}");

        Assert.True(exitCode == 78, $"exit code {exitCode}:\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"CityBrain cannot start: PostgreSQL cannot take the connections of 1 node (this one) with Maximum Pool Size {poolSize} each", line);
        Assert.Contains($"max_connections {max} minus {reserved} reserved", line);
        Assert.Contains($"set Maximum Pool Size={max - reserved} or less in Storage:ConnectionString", line);
        // The migrations ran (the check reads their membership table), and the refused node never joined.
        Assert.Equal(0, await db.ScalarAsync<int>($"SELECT count(*)::int FROM OrleansMembershipTable WHERE DeploymentId = '{cluster}'"));
    }

    [Fact]
    public async Task A_connection_string_Npgsql_cannot_parse_stops_the_start_with_exit_78_naming_the_setting()
    {
        var (exitCode, stdout, stderr) = await RefusedStart.RunAsync(Environment.CurrentDirectory,
            "--Storage:Provider=PostgreSql", "--Storage:ConnectionString=Host=127.0.0.1;Max Pool Size=5");

        Assert.True(exitCode == 78, $"exit code {exitCode}:\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("CityBrain cannot start: Storage:ConnectionString: ", line);
        Assert.Contains("max pool size", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }
}
