using CityBrain.Incidents;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Persistence;

/// <summary>
/// Makes sure every incident the read model lists has a stored grain state. The journal writes an incident's row
/// before the grain writes its state (see <see cref="PostgreSqlIncidentJournal"/>), so a crash in between leaves
/// a row that lists, region counts and KPIs count but no state behind it. Any call to such an incident rebuilds
/// its state from the journal (<see cref="IncidentRestore"/>); this sweep makes that call for the rows no grain
/// has confirmed, at the silo's start and every <see cref="Period"/>, so none waits for a reader to find it.
/// <para>
/// Cost: one indexed query over the unconfirmed rows (a partial index; a row leaves it at its incident's second
/// change) and one call per incident that has not changed again since it opened, never anything per event. Rows
/// changed within <see cref="Settle"/> are left to their next change. Every silo runs it; two silos visiting the
/// same row both just read a summary.
/// </para>
/// </summary>
public sealed class PostgreSqlStateSweep(NpgsqlDataSource dataSource, IGrainFactory grains, TimeProvider clock, ILogger<PostgreSqlStateSweep> logger)
    : SiloLoop(clock, logger)
{
    /// <summary>Time between passes.</summary>
    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>How long a new row is left alone: most are confirmed by their incident's next change within it.</summary>
    internal static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private const int PageSize = 500;
    private const int Concurrency = 16;

    private const string SelectUnconfirmed = """
        SELECT id FROM incidents
        WHERE NOT state_confirmed AND updated_at < now() - $1
        ORDER BY id
        LIMIT $2
        """;

    // A grain state once stored is never lost again, so whatever changed since the visit, the row stays confirmed.
    private const string Confirm = "UPDATE incidents SET state_confirmed = true WHERE id = ANY($1) AND NOT state_confirmed";

    protected override TimeSpan Interval => Period;

    // After a crash, the rows it left are found at once rather than one period later.
    protected override bool TickAtStart => true;

    protected override async Task TickAsync(CancellationToken stopping)
    {
        var confirmed = await SweepOnce(Settle, stopping);
        if (confirmed > 0) Logger.LogInformation("State sweep: {Count} incidents confirmed stored", confirmed);
    }

    /// <summary>Visit the unconfirmed rows changed at least <paramref name="settle"/> ago; returns how many were confirmed.</summary>
    public async Task<int> SweepOnce(TimeSpan settle, CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = await Unconfirmed(settle, cancellationToken);
            if (ids.Count == 0) break;
            var confirmed = new List<string>(ids.Count);
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (id, _) =>
            {
                try
                {
                    // Rebuilds the state from the journal when there is none; queued behind an opening still in progress.
                    if (await grains.GetGrain<IIncidentGrain>(id).GetSummary() is not null)
                    {
                        lock (confirmed) confirmed.Add(id);
                    }
                }
                catch (Exception e)
                {
                    Logger.LogWarning(e, "State sweep: incident {Incident} could not be checked; the next pass tries again", id);
                }
            });
            if (confirmed.Count > 0) await MarkConfirmed(confirmed, cancellationToken);
            total += confirmed.Count;
            // A row that failed stays first in line: leave it to the next pass rather than loop on it.
            if (ids.Count < PageSize || confirmed.Count < ids.Count) break;
        }

        return total;
    }

    private async Task<List<string>> Unconfirmed(TimeSpan settle, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectUnconfirmed);
        command.Parameters.Add(new NpgsqlParameter { Value = settle, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = PageSize });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    private async Task MarkConfirmed(List<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Confirm);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
