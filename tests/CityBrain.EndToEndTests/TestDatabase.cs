using Npgsql;

namespace CityBrain.EndToEndTests;

/// <summary>An empty database on the PostgreSQL server the test command started; the host migrates it. Dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "CITYBRAIN_TEST_POSTGRES";

    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)
                     ?? throw new InvalidOperationException($"{ServerVariable} is not set: run the tests with scripts/test.sh, which installs and starts PostgreSQL");
        var name = $"citybrain_e2e_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new TestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
