using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityBrain.Persistence;

/// <summary>
/// Applies the embedded migrations that a database lacks, each in its own transaction, statement by statement.
/// Safe to run from several silos at once (a PostgreSQL advisory lock serialises them) and any number of times.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    public const string HistoryTable = "citybrain_schema_migrations";

    // Any fixed number works: it only has to be the same for every CityBrain process sharing a database.
    private const long AdvisoryLockKey = 0x43_69_74_79_42_72_61_69;

    public Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(Migration.Embedded(), cancellationToken);

    public async Task<MigrationReport> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable} (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await ReadApplied(connection, cancellationToken);
            var done = new List<string>();
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new MigrationException($"migration {migration.Name} was edited after it was applied (checksum {checksum[..12]}… in the database, {migration.Checksum[..12]}… now); add a new migration instead of changing a shipped one");
                    }

                    continue;
                }

                await Apply(connection, migration, cancellationToken);
                done.Add(migration.Name);
                logger.LogInformation("Applied migration {Name}", migration.Name);
            }

            return new MigrationReport(done, migrations.Count - done.Count);
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task Apply(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var statements = SqlScript.Split(migration.Sql);
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            try
            {
                await Execute(connection, transaction, statement.Text, cancellationToken);
            }
            catch (PostgresException e)
            {
                var excerpt = statement.Text.Length > 200 ? statement.Text[..200] + "…" : statement.Text;
                throw new MigrationException($"migration {migration.Name} failed at statement {i + 1} of {statements.Count} (line {statement.Line}): {e.SqlState} {e.MessageText}\n{excerpt}", e);
            }
        }

        await using (var record = new NpgsqlCommand($"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadApplied(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand($"SELECT version, checksum FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
