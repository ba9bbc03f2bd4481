using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Persistence;

/// <summary>
/// Dead letters in PostgreSQL (<c>dead_letters</c>): all of them, shared by every silo of a cluster, each with at
/// most <see cref="IngestOptions.DeadLetterPayloadPrefixBytes"/> of its payload. A page is read without the payload column.
/// </summary>
public sealed class PostgreSqlDeadLetterStore(NpgsqlDataSource dataSource, IOptions<IngestOptions> options, ILoggerFactory loggers) : IDeadLetterStore
{
    /// <summary>
    /// The log category it had beside the in-memory store, kept since it moved here: operators filter dead-letter
    /// lines by <c>CityBrain.Ingest.DeadLetters</c> (appsettings <c>Logging:LogLevel</c>).
    /// </summary>
    public const string LogCategory = "CityBrain.Ingest.DeadLetters.PostgreSqlDeadLetterStore";

    private readonly ILogger _logger = loggers.CreateLogger(LogCategory);

    private const string Columns = "id, received_at, transport, origin, field, reason, event_id, source, payload_size, payload_sha256";

    public async ValueTask AddAsync(DeadLetter d, CancellationToken cancellationToken = default)
    {
        d = d.WithPrefix(options.Value.DeadLetterPayloadPrefixBytes);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dead_letters (id, received_at, transport, origin, field, reason, event_id, source, payload, payload_size, payload_sha256)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = d.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = d.ReceivedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = d.Transport });
        command.Parameters.Add(new NpgsqlParameter { Value = d.Origin });
        command.Parameters.Add(new NpgsqlParameter { Value = d.Field });
        command.Parameters.Add(new NpgsqlParameter { Value = d.Reason });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)d.EventId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)d.Source ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = d.Payload });
        command.Parameters.Add(new NpgsqlParameter { Value = d.PayloadSize });
        command.Parameters.Add(new NpgsqlParameter { Value = d.PayloadSha256 });
        await command.ExecuteNonQueryAsync(cancellationToken);
        _logger.LogWarning("Dead letter {Id} from {Transport} {Origin}: {Field}: {Reason}", d.Id, d.Transport, d.Origin, d.Field, d.Reason);
    }

    public async ValueTask<DeadLetterPage> ListAsync(int page, int pageSize, bool withPayloads, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM dead_letters"));
        var rows = new NpgsqlBatchCommand($"""
            SELECT {Columns}{(withPayloads ? ", payload" : "")}
            FROM dead_letters ORDER BY received_at DESC, id LIMIT $1 OFFSET $2
            """);
        rows.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        rows.Parameters.Add(new NpgsqlParameter { Value = ((long)page - 1) * pageSize });
        batch.BatchCommands.Add(rows);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken)) items.Add(Read(reader, withPayloads ? reader.GetFieldValue<byte[]>(10) : []));
        return new DeadLetterPage(items, page, pageSize, total, 0);
    }

    public async ValueTask<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns}, payload FROM dead_letters WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, reader.GetFieldValue<byte[]>(10)) : null;
    }

    private static DeadLetter Read(NpgsqlDataReader reader, byte[] payload) => new(
        reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), payload, reader.GetInt64(8), reader.GetString(9));
}
