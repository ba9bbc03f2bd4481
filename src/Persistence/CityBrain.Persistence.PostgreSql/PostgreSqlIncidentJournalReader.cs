using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using Npgsql;

namespace CityBrain.Persistence;

/// <summary>
/// Reads back one incident's rows that <see cref="PostgreSqlIncidentJournal"/> wrote (read model, audit, evidence
/// ledger) in one round trip. Asked only by an incident grain that has no stored state, never on the per-event path.
/// </summary>
public sealed class PostgreSqlIncidentJournalReader(NpgsqlDataSource dataSource) : IIncidentJournalReader
{
    private static readonly string SelectIncident = $"SELECT {IncidentRows.Columns} FROM incidents WHERE id = $1";

    private const string SelectAudit = """
        SELECT sequence, at, kind, actor, status_before, status_after, detail, role, stage_before, stage_after
        FROM incident_audit WHERE incident_id = $1 ORDER BY sequence
        """;

    // The first evidence is the incident's origin and always kept; of the rest, the latest (as the grain keeps them).
    private const string SelectEvidence = """
        SELECT source, event_id, point_id, kind, topic, observed_at, longitude, latitude, region_codes, value, unit, description
        FROM ((SELECT *, 0 AS part FROM incident_evidence WHERE incident_id = $1 ORDER BY recorded_at, observed_at, source, event_id LIMIT 1)
              UNION ALL
              (SELECT *, 1 AS part FROM incident_evidence WHERE incident_id = $1 ORDER BY recorded_at DESC, observed_at DESC, source DESC, event_id DESC LIMIT $2)) e
        ORDER BY part, recorded_at, observed_at, source, event_id
        """;

    public async Task<JournalledIncident?> ReadAsync(string incidentId, int maxEvidence, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(SelectIncident, incidentId));
        batch.BatchCommands.Add(Command(SelectAudit, incidentId));
        batch.BatchCommands.Add(Command(SelectEvidence, incidentId, Math.Max(0, maxEvidence - 1)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var summary = IncidentRows.Read(reader);

        await reader.NextResultAsync(cancellationToken);
        var audit = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            audit.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? AuditEntry.System : reader.GetString(3),
                reader.IsDBNull(4) ? null : Status(reader.GetString(4)),
                Status(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? AuditEntry.System : reader.GetString(7),
                reader.IsDBNull(8) ? null : CaseStageNames.Parse(reader.GetString(8)),
                reader.IsDBNull(9) ? CaseStage.Detected : CaseStageNames.Parse(reader.GetString(9))));
        }

        await reader.NextResultAsync(cancellationToken);
        var evidence = new List<Observation>();
        var seen = new HashSet<EventKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new EventKey(reader.GetString(0), reader.GetString(1));
            // The first row comes twice when the incident has fewer evidence rows than asked for.
            if (!seen.Add(key)) continue;
            var kind = Enum.Parse<ObservationKind>(reader.GetString(3), ignoreCase: true);
            double? value = reader.IsDBNull(9) ? null : reader.GetDouble(9);
            // The value column holds a reading's measurement or another kind's confidence (Observation.ValueOrConfidence).
            var reading = kind == ObservationKind.Reading;
            evidence.Add(new Observation(key, reader.GetString(2), kind, reader.GetString(4),
                new GeoPoint(reader.GetDouble(6), reader.GetDouble(7)), reader.GetFieldValue<DateTimeOffset>(5), new RegionPath(reader.GetFieldValue<string[]>(8)),
                reading ? value : null, reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                Confidence: reading ? null : value));
        }

        return new JournalledIncident(summary, audit, evidence);
    }

    private static IncidentStatus Status(string name) => Enum.Parse<IncidentStatus>(name, ignoreCase: true);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
