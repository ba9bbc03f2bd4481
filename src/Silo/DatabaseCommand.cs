using CityBrain.Persistence;
using Npgsql;

namespace CityBrain.Silo;

/// <summary>
/// <c>db migrate</c>: apply the schema's pending migrations to the configured PostgreSQL database and exit.
/// Reads the same configuration as the host (appsettings, <c>Storage__ConnectionString</c>, <c>--Storage:ConnectionString=…</c>).
/// </summary>
public static class DatabaseCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["db", "migrate", .. var rest])
        {
            await Console.Error.WriteLineAsync("usage: db migrate [--Storage:ConnectionString=<npgsql connection string>]");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(rest)
            .Build();
        var connectionString = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("db migrate: Storage:ConnectionString is not set (e.g. --Storage:ConnectionString=\"Host=127.0.0.1;Database=citybrain;Username=citybrain\")");
            return 2;
        }

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        await using var dataSource = PostgreSqlPool.CreateDataSource(connectionString);
        try
        {
            var report = await new MigrationRunner(dataSource, loggers.CreateLogger<MigrationRunner>()).MigrateAsync();
            Console.WriteLine(report.Applied.Count == 0
                ? $"db migrate: schema up to date ({report.AlreadyApplied} migrations already applied)"
                : $"db migrate: applied {string.Join(", ", report.Applied)}; {report.AlreadyApplied} were already applied");
            return 0;
        }
        catch (MigrationException e)
        {
            await Console.Error.WriteLineAsync($"db migrate: {e.Message}");
            return 1;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"db migrate: cannot reach the database: {e.Message}");
            return 1;
        }
    }
}
