using CityBrain.Incidents;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Persistence;

/// <summary>
/// Writes incident changes to the read model (<c>incidents</c>), the audit log (<c>incident_audit</c>), the
/// evidence ledger (<c>incident_evidence</c>) and the KPI facts (<c>case_facts</c>)
/// in one round trip. Every statement is an idempotent upsert, and neither the read model nor the facts go back
/// to an older version.
/// <para>
/// A row is written before the grain state it describes, so a new row starts with <c>state_confirmed</c> false:
/// a crash before the state write leaves a row no grain state stands behind. A change after the first one
/// (version 2 on) comes from a grain that loaded or wrote a stored state, so it confirms the row at no extra
/// cost; <see cref="PostgreSqlStateSweep"/> confirms the rest (incidents that never changed again).
/// </para>
/// </summary>
public sealed class PostgreSqlIncidentJournal(NpgsqlDataSource dataSource) : IIncidentJournal
{
    private const string UpsertIncident = """
        INSERT INTO incidents (id, category, status, longitude, latitude, region_codes, opened_at, last_evidence_at, evidence_count, closed_at, merged_into, version, stage, department,
                               severity, next_due_at, overdue, escalation, scenario_id, scenario_version, updated_at, state_confirmed)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, now(), false)
        ON CONFLICT (id) DO UPDATE SET
            status = excluded.status, last_evidence_at = excluded.last_evidence_at, evidence_count = excluded.evidence_count,
            closed_at = excluded.closed_at, merged_into = excluded.merged_into, version = excluded.version,
            stage = excluded.stage, department = excluded.department, severity = excluded.severity, next_due_at = excluded.next_due_at,
            due_claimed_until = NULL, overdue = excluded.overdue, escalation = excluded.escalation, updated_at = now(),
            state_confirmed = incidents.state_confirmed OR excluded.version > 1,
            correlation_changed_at = CASE WHEN incidents.evidence_count <> excluded.evidence_count OR incidents.status <> excluded.status
                                          THEN now() ELSE incidents.correlation_changed_at END
        WHERE incidents.version <= excluded.version
        """;

    // Two different changes get the same sequence only when the first was journalled and its state write never
    // happened (a crash, a failed write): the grain went on from the state before it, so the later one is what the
    // case holds, and it replaces the one that never took effect. A retry of the same change writes the same entry.
    private const string InsertAudit = """
        INSERT INTO incident_audit (incident_id, sequence, at, kind, actor, status_before, status_after, detail, role, stage_before, stage_after)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (incident_id, sequence) DO UPDATE SET
            at = excluded.at, kind = excluded.kind, actor = excluded.actor, status_before = excluded.status_before, status_after = excluded.status_after,
            detail = excluded.detail, role = excluded.role, stage_before = excluded.stage_before, stage_after = excluded.stage_after
        """;

    private const string UpsertFacts = """
        INSERT INTO case_facts (incident_id, category, region_codes, department, detected_at, closed_at, rejected, merged, reopened, score, sla_met, sla_missed, sla_deadline, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (incident_id) DO UPDATE SET
            department = excluded.department, closed_at = excluded.closed_at, rejected = excluded.rejected, merged = excluded.merged,
            reopened = excluded.reopened, score = excluded.score, sla_met = excluded.sla_met, sla_missed = excluded.sla_missed,
            sla_deadline = excluded.sla_deadline, version = excluded.version
        WHERE case_facts.version <= excluded.version
        """;

    // A merge hands evidence to the surviving incident: the ledger row follows it.
    private const string UpsertEvidence = """
        INSERT INTO incident_evidence (source, event_id, incident_id, point_id, kind, topic, observed_at, longitude, latitude, region_codes, value, unit, description)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (source, event_id) DO UPDATE SET incident_id = excluded.incident_id
        """;

    public async Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default)
    {
        var incident = change.Incident;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(UpsertIncident,
            incident.Id, incident.Category, Status(incident.Status), incident.Location.Longitude, incident.Location.Latitude, incident.Regions.Codes,
            incident.OpenedAt, incident.LastEvidenceAt, incident.EvidenceCount, (object?)incident.ClosedAt ?? DBNull.Value, (object?)incident.MergedInto ?? DBNull.Value, change.Version,
            CaseStageNames.Of(incident.Stage), (object?)incident.Department ?? DBNull.Value,
            incident.Severity.ToString().ToLowerInvariant(), (object?)incident.NextDueAt ?? DBNull.Value, incident.Overdue, incident.Escalation,
            (object?)incident.ScenarioId ?? DBNull.Value, (object?)incident.ScenarioVersion ?? DBNull.Value));
        if (change.Audit is { } audit)
        {
            batch.BatchCommands.Add(Command(InsertAudit,
                incident.Id, audit.Sequence, audit.At, audit.Kind, audit.Actor, audit.StatusBefore is { } before ? Status(before) : DBNull.Value, Status(audit.StatusAfter), (object?)audit.Detail ?? DBNull.Value,
                audit.Role, audit.StageBefore is { } stageBefore ? CaseStageNames.Of(stageBefore) : DBNull.Value, CaseStageNames.Of(audit.StageAfter)));
        }

        if (change.Facts is { } facts)
        {
            batch.BatchCommands.Add(Command(UpsertFacts,
                facts.IncidentId, facts.Category, facts.RegionCodes, (object?)facts.Department ?? DBNull.Value, facts.DetectedAt, (object?)facts.ClosedAt ?? DBNull.Value,
                facts.Rejected, facts.Merged, facts.Reopened, (object?)facts.Score ?? DBNull.Value,
                facts.Sla.Select(t => t.Met).ToArray(), facts.Sla.Select(t => t.Missed).ToArray(), facts.Sla.Select(t => t.RunningDeadline).ToArray(), facts.Version));
        }

        foreach (var e in change.NewEvidence)
        {
            batch.BatchCommands.Add(Command(UpsertEvidence,
                e.Key.Source, e.Key.Id, incident.Id, e.PointId, e.Kind.ToString().ToLowerInvariant(), e.Category, e.ObservedAt, e.Location.Longitude, e.Location.Latitude, e.Regions.Codes,
                (object?)e.ValueOrConfidence ?? DBNull.Value, (object?)e.Unit ?? DBNull.Value, (object?)e.Description ?? DBNull.Value));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Status(IncidentStatus status) => status.ToString().ToLowerInvariant();

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                DateTimeOffset t => new NpgsqlParameter { Value = t.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                string[] codes => new NpgsqlParameter { Value = codes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                DateTimeOffset?[] times => new NpgsqlParameter { Value = times.Select(t => t?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }
}
