using Npgsql;

namespace CityBrain.Bench;

/// <summary>
/// Reads SLA firings from <c>incident_audit</c> and the due-time index from <c>incidents</c> of a CityBrain
/// database (read only). Connection and query failures become <see cref="ExitCodes.Database"/>.
/// </summary>
public sealed class SlaAuditReader
{
    private const string FiringsSql = $"""
        SELECT incident_id, kind, at, detail FROM incident_audit
        WHERE kind IN ('{SlaFiring.WarningKind}', '{SlaFiring.BreachedKind}')
        """;

    private const string BacklogSql = """
        SELECT count(*) FILTER (WHERE status = 'open'),
               count(*) FILTER (WHERE status = 'open' AND next_due_at > now()),
               count(*) FILTER (WHERE status = 'open' AND overdue),
               count(*) FILTER (WHERE status = 'open' AND next_due_at <= now()),
               count(*) FILTER (WHERE status = 'open' AND next_due_at <= now() - $1),
               min(next_due_at) FILTER (WHERE status = 'open' AND next_due_at <= now()),
               min(next_due_at) FILTER (WHERE status = 'open' AND next_due_at > now()),
               now()
        FROM incidents
        """;

    private readonly string _connectionString;

    public SlaAuditReader(string connectionString)
    {
        try
        {
            _connectionString = new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"option '--postgres' is not a valid Npgsql connection string: {e.Message}");
        }
    }

    /// <summary>Every firing whose due time could be read, and the details it could not be read from.</summary>
    public async Task<(List<SlaFiring> Firings, List<string> Unreadable)> ReadFiringsAsync(CancellationToken cancellationToken) =>
        await Run(async connection =>
        {
            var firings = new List<SlaFiring>();
            var unreadable = new List<string>();
            await using var command = new NpgsqlCommand(FiringsSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var incident = reader.GetString(0);
                var detail = reader.IsDBNull(3) ? null : reader.GetString(3);
                if (SlaAuditDetail.TryParseDue(detail, out var due)) firings.Add(new SlaFiring(incident, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), due));
                else unreadable.Add($"{incident}: {detail ?? "(no detail)"}");
            }

            return (firings, unreadable);
        }, cancellationToken).ConfigureAwait(false);

    public async Task<SlaBacklog> ReadBacklogAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        await Run(async connection =>
        {
            await using var command = new NpgsqlCommand(BacklogSql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new SlaBacklog(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7));
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T> Run<T>(Func<NpgsqlConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await query(connection).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable || e.SqlState == PostgresErrorCodes.UndefinedColumn)
        {
            throw new BenchException($"PostgreSQL: {e.MessageText}: is this a CityBrain database with the SLA migration (0005) applied?", ExitCodes.Database, e);
        }
        catch (NpgsqlException e)
        {
            throw new BenchException($"PostgreSQL: {e.Message}", ExitCodes.Database, e);
        }
    }
}
