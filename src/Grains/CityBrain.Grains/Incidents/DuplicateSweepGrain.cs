using CityBrain.Packs;
using CityBrain.Spatial;
using Microsoft.Extensions.Logging;

namespace CityBrain.Incidents;

/// <inheritdoc cref="IDuplicateSweepGrain"/>
/// <remarks>
/// Cells merge duplicates they can see, which is nearly all of them. This is the safety net for the rest, and a
/// merge it makes is logged, since each one means a neighbour's announcement was lost. It reads only incidents
/// changed since its previous pass, so a pass costs one indexed query however many incidents are open.
/// </remarks>
[GrainType("duplicate-sweep")]
public sealed class DuplicateSweepGrain(IDuplicateCandidates candidates, CityPack pack, TimeProvider clock, ILogger<DuplicateSweepGrain> logger)
    : Grain, IDuplicateSweepGrain, IRemindable
{
    private const string ReminderName = "sweep";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    // Passes overlap, so a change committed while the previous pass ran is not missed.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    // A new activation (first start, or after its silo failed) does not know when the last pass was.
    private static readonly TimeSpan FirstLookBack = TimeSpan.FromMinutes(30);

    private DateTimeOffset? _lastPass;
    private IGrainTimer? _pass;

    public Task Start() => this.RegisterOrUpdateReminder(ReminderName, Period, Period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The tick only starts a pass: after a burst of changes (a mass ingest, a first pass looking back half an
        // hour) a pass can outlast a grain call's timeout, and a tick that times out is not retried until the next.
        _pass ??= this.RegisterGrainTimer(RunPass, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    private async Task RunPass(CancellationToken cancellationToken)
    {
        try
        {
            await Sweep();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Duplicate sweep pass failed; the next tick tries again from the same point");
        }
        finally
        {
            _pass?.Dispose();
            _pass = null;
        }
    }

    public async Task<int> Sweep()
    {
        var startedAt = clock.GetUtcNow();
        var since = (_lastPass ?? startedAt - FirstLookBack) - Overlap;
        var rules = pack.Correlation;
        var merged = 0;
        foreach (var (a, b) in await candidates.FindAsync(since, rules.LargestRadiusMeters, rules.LongestWindow))
        {
            if (!rules.AreDuplicates(a.Category, a.Location, a.OpenedAt, a.LastEvidenceAt, b.Location, b.OpenedAt, b.LastEvidenceAt)) continue;
            var (survivor, loser) = CorrelationRules.Precedes(a.OpenedAt, a.Id, b.OpenedAt, b.Id) ? (a, b) : (b, a);
            var loserGrain = GrainFactory.GetGrain<IIncidentGrain>(loser.Id);
            if (await loserGrain.GetSummary() is not { Status: IncidentStatus.Open }) continue;
            await loserGrain.MergeInto(survivor.Id);
            logger.LogInformation("Duplicate sweep merged incident {Loser} into {Survivor}: the cells on either side had not seen each other's", loser.Id, survivor.Id);
            merged++;
        }

        _lastPass = startedAt;
        return merged;
    }
}
