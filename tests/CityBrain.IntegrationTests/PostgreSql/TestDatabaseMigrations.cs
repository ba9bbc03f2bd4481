using CityBrain.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>Test databases with CityBrain's schema applied through its own migration path.</summary>
public static class TestDatabaseMigrations
{
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        await database.MigrateAsync();
        return database;
    }

    public static Task<MigrationReport> MigrateAsync(this TestDatabase database, IReadOnlyList<Migration>? migrations = null)
    {
        var runner = new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance);
        return migrations is null ? runner.MigrateAsync() : runner.MigrateAsync(migrations);
    }
}
