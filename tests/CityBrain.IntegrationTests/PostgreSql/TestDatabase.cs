using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using CityBrain.Persistence;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// A fresh database on the PostgreSQL server the test command started (<c>CITYBRAIN_TEST_POSTGRES</c>), dropped
/// afterwards. A missing server fails the test: these tests never skip silently.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "CITYBRAIN_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, MaxPoolSize = 40 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)
                     ?? throw new InvalidOperationException($"{ServerVariable} is not set: run the tests with scripts/test.sh, which installs and starts PostgreSQL");
        var name = $"citybrain_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var database = new TestDatabase(server, name);
        if (migrate) await database.MigrateAsync();
        return database;
    }

    public Task<MigrationReport> MigrateAsync(IReadOnlyList<Migration>? migrations = null)
    {
        var runner = new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance);
        return migrations is null ? runner.MigrateAsync() : runner.MigrateAsync(migrations);
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
