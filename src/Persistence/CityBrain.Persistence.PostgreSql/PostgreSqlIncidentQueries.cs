using CityBrain.Incidents;
using CityBrain.Regions;
using Npgsql;

namespace CityBrain.Persistence;

/// <summary>Incident lists and counts from the read model: filtered, counted and paged by PostgreSQL, not by scanning grains.</summary>
public sealed class PostgreSqlIncidentQueries(NpgsqlDataSource dataSource) : IIncidentQueries
{
    public async Task<IncidentPage> ListAsync(string regionCode, IncidentQuery query, CancellationToken cancellationToken = default)
    {
        const string Where = """
            WHERE region_codes @> ARRAY[$1]::text[]
              AND ($2::text IS NULL OR category = $2)
              AND ($3::text IS NULL OR status = $3)
              AND (NOT $4 OR (overdue AND status = 'open'))
            """;
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*)::int FROM incidents {Where}");
        var page = new NpgsqlBatchCommand($"""
            SELECT {IncidentRows.Columns}
            FROM incidents {Where}
            ORDER BY opened_at DESC, id
            LIMIT $5 OFFSET $6
            """);
        foreach (var command in new[] { count, page })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = regionCode });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = query.Status is { } s ? PostgreSqlIncidentJournal.Status(s) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = query.OverdueOnly });
        }

        page.Parameters.Add(new NpgsqlParameter { Value = query.PageSize });
        page.Parameters.Add(new NpgsqlParameter { Value = query.Offset });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<IncidentSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(IncidentRows.Read(reader));
        }

        return new IncidentPage(items.ToArray(), query.Page, query.PageSize, total);
    }

    public async Task<RegionCounts> CountAsync(string regionCode, CancellationToken cancellationToken = default)
    {
        // The child is the code after this unit's in the incident's path: null for a unit at the deepest level.
        const string Count = """
            SELECT category, region_codes[array_position(region_codes, $1) + 1], count(*)::int
            FROM incidents
            WHERE status = 'open' AND region_codes @> ARRAY[$1]::text[]
            GROUP BY 1, 2
            """;
        await using var command = dataSource.CreateCommand(Count);
        command.Parameters.Add(new NpgsqlParameter { Value = regionCode });
        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var byChild = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt32(2);
            total += count;
            var category = reader.GetString(0);
            byCategory[category] = byCategory.GetValueOrDefault(category) + count;
            if (!reader.IsDBNull(1))
            {
                var child = reader.GetString(1);
                byChild[child] = byChild.GetValueOrDefault(child) + count;
            }
        }

        return new RegionCounts(regionCode, total, byCategory, byChild);
    }
}
