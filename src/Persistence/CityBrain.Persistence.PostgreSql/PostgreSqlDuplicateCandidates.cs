using CityBrain.Incidents;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Persistence;

/// <summary>
/// Duplicate candidates from the incident read model: a bounding-box join, narrowed by the caller. Only incidents whose
/// evidence or status changed since <c>changedSince</c> are looked at, so SLA clocks and case steps cost the sweep nothing.
/// </summary>
public sealed class PostgreSqlDuplicateCandidates(NpgsqlDataSource dataSource) : IDuplicateCandidates
{
    private static readonly string Select = $"""
        SELECT {IncidentRows.ColumnsOf("a")}, {IncidentRows.ColumnsOf("b")}
        FROM incidents a
        JOIN incidents b ON b.category = a.category AND b.id <> a.id AND b.status = 'open'
            AND b.latitude BETWEEN a.latitude - $2 AND a.latitude + $2
            AND abs(b.longitude - a.longitude) * cos(radians(a.latitude)) <= $2
            AND b.opened_at - $3 <= a.last_evidence_at AND a.opened_at - $3 <= b.last_evidence_at
        WHERE a.status = 'open' AND a.correlation_changed_at >= $1
        """;

    // Degrees of latitude per metre; a degree of longitude is shorter by cos(latitude), which the query applies.
    private const double DegreesPerMeter = 1 / 110_574.0;

    public async Task<IReadOnlyList<(IncidentSummary A, IncidentSummary B)>> FindAsync(DateTimeOffset changedSince, double maxRadiusMeters, TimeSpan maxWindow, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Select);
        command.Parameters.Add(new NpgsqlParameter { Value = changedSince.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = maxRadiusMeters * DegreesPerMeter * 1.01 });
        command.Parameters.Add(new NpgsqlParameter { Value = maxWindow, NpgsqlDbType = NpgsqlDbType.Interval });
        var pairs = new List<(IncidentSummary, IncidentSummary)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) pairs.Add((IncidentRows.Read(reader), IncidentRows.Read(reader, IncidentRows.ColumnCount)));
        return pairs;
    }
}
