using CityBrain.Incidents.Sla;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Persistence;

/// <summary>
/// The due-time index in the read model: <c>incidents.next_due_at</c>, written by the journal in the same
/// statement as every other change of the incident. A claim is one indexed query whatever the number of open
/// incidents; <c>SKIP LOCKED</c> lets silos claim side by side without waiting on each other.
/// </summary>
public sealed class PostgreSqlDueIncidents(NpgsqlDataSource dataSource) : IDueIncidents
{
    private const string Claim = """
        UPDATE incidents SET due_claimed_until = $1 + $3
        WHERE id IN (
            SELECT id FROM incidents
            WHERE next_due_at <= $1 AND (due_claimed_until IS NULL OR due_claimed_until <= $1)
            ORDER BY next_due_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    public async Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }
}
