using CityBrain.Incidents.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Persistence;

/// <summary>
/// KPI reports added up by PostgreSQL over <c>case_facts</c>, the total and the breakdown in one pass (grouping
/// sets), to the definitions of <see cref="KpiTally"/>.
/// </summary>
public sealed class PostgreSqlKpiQueries(NpgsqlDataSource dataSource) : IKpiQueries
{
    private static readonly Dictionary<KpiGrouping, string> Sql = Enum.GetValues<KpiGrouping>().ToDictionary(g => g, Build);

    public async Task<KpiReport> ComputeAsync(KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Sql[query.GroupBy]);
        command.Parameters.Add(new NpgsqlParameter { Value = query.RegionCode, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Department ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });

        KpiFigures? total = null;
        var groups = new List<KpiGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var onTime = new int[KpiTally.SlaStages];
            var late = new int[KpiTally.SlaStages];
            for (var stage = 0; stage < KpiTally.SlaStages; stage++)
            {
                onTime[stage] = reader.GetInt32(12 + 2 * stage);
                late[stage] = reader.GetInt32(13 + 2 * stage);
            }

            var figures = KpiTally.Figures(
                reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetDouble(10), reader.IsDBNull(11) ? null : reader.GetDouble(11), onTime, late);
            if (reader.GetBoolean(0)) total = figures;
            else groups.Add(new KpiGroup(reader.IsDBNull(1) ? null : reader.GetString(1), figures));
        }

        // An empty selection has no total row under grouping sets with a breakdown.
        total ??= new KpiTally(now).ToFigures();
        return new KpiReport(query, now, total, KpiCalculator.InReportOrder(groups));
    }

    private static string Build(KpiGrouping grouping)
    {
        var key = grouping switch
        {
            KpiGrouping.Department => "department",
            KpiGrouping.Category => "category",
            KpiGrouping.Region => "region_codes[array_position(region_codes, $1) + 1]",
            _ => "NULL::text",
        };
        var groupBy = grouping == KpiGrouping.None ? "GROUP BY ()" : "GROUP BY GROUPING SETS ((), (k))";
        var isTotal = grouping == KpiGrouping.None ? "true, NULL::text" : "GROUPING(k) = 1, k";
        var stages = string.Concat(Enumerable.Range(1, KpiTally.SlaStages).Select(i =>
            $", coalesce(sum(sla_met[{i}]), 0)::int, (coalesce(sum(sla_missed[{i}]), 0) + count(*) FILTER (WHERE sla_deadline[{i}] < $6))::int"));
        return $"""
            SELECT {isTotal},
                   count(*)::int,
                   count(*) FILTER (WHERE rejected)::int,
                   count(*) FILTER (WHERE closed_at IS NOT NULL)::int,
                   count(*) FILTER (WHERE reopened > 0)::int,
                   count(*) FILTER (WHERE reopened > 0 AND closed_at IS NULL)::int,
                   count(score)::int,
                   count(*) FILTER (WHERE score >= {CityBrain.Incidents.Lifecycle.Evaluation.SatisfiedFrom})::int,
                   coalesce(sum(score), 0)::bigint,
                   avg(extract(epoch FROM closed_at - detected_at))::float8,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - detected_at))::float8
                   {stages}
            FROM (
                SELECT *, {key} AS k FROM case_facts
                WHERE NOT merged AND region_codes @> ARRAY[$1]::text[]
                  AND ($2::text IS NULL OR department = $2)
                  AND ($3::text IS NULL OR category = $3)
                  AND ($4::timestamptz IS NULL OR detected_at >= $4)
                  AND ($5::timestamptz IS NULL OR detected_at < $5)
            ) f
            {groupBy}
            """;
    }
}
