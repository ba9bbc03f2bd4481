using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Incidents.Sla;

/// <summary>
/// Fires SLA clocks. Every silo runs one: each few seconds it claims the incidents whose next threshold is due
/// from the due-time index (<see cref="IDueIncidents"/>) and calls <see cref="IIncidentGrain.CheckDeadlines"/> on
/// each.
/// <para>
/// Why an index and not a reminder per incident: Orleans reminders have a one-minute floor and no catch-up for
/// ticks missed while the cluster was down, and 100,000 open incidents would mean 100,000 reminder rows and
/// timers that every silo's reminder service loads, holds and re-reads, and a reminder-table write each time a
/// deadline moves. The index costs one indexed query per silo per scan however many incidents are open; a
/// deadline that passed while every silo was down is simply due at the first scan after the restart; an idle
/// incident with a far deadline costs nothing and need not be active; and the due time is written in the same
/// statement as the incident's read-model row, so it can never disagree with the case.
/// </para>
/// </summary>
public sealed class DeadlineScanner(
    IDueIncidents due,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<DeadlineScanOptions> options,
    ILogger<DeadlineScanner> logger) : SiloLoop(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ScanSeconds);

    // A deadline that fell while the silo was down is due now, not one interval later.
    protected override bool TickAtStart => true;

    protected override Task TickAsync(CancellationToken stopping) => ScanOnce(options.Value, stopping);

    /// <summary>Claim and fire until nothing more is due; returns how many incidents were checked.</summary>
    public async Task<int> ScanOnce(DeadlineScanOptions settings, CancellationToken cancellationToken)
    {
        var checkedCount = 0;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = await due.ClaimDueAsync(Clock.GetUtcNow(), settings.BatchSize, lease, cancellationToken);
            if (ids.Count == 0) break;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<IIncidentGrain>(id).CheckDeadlines();
                }
                catch (Exception e)
                {
                    // Its claim lapses and the next scan after the lease tries again.
                    Logger.LogWarning(e, "SLA check of incident {Incident} failed", id);
                }
            });
            checkedCount += ids.Count;
            if (ids.Count < settings.BatchSize) break;
        }

        return checkedCount;
    }
}
