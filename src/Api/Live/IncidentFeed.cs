using CityBrain.Incidents;
using CityBrain.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Api.Live;

/// <summary>
/// Every incident change of the cluster, for this node's live clients, filtered by region (any level) and
/// category. It attaches once to this node's relay (<see cref="ILiveChanges"/>), which pushes the changes of
/// every node to it in batches, numbered per sending node: a hole in the numbers (a sender's queue for this
/// node was full, or a batch was given up) reaches every client as a <see cref="LiveGap"/>, and a batch sent
/// twice is taken once. Each client then has its own bounded queue (<see cref="LiveFanout{T}"/>).
/// </summary>
public sealed class IncidentFeed(ILiveChanges relay, IOptions<ApiOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<IncidentFeed> logger)
    : BackgroundService, ILiveChangeObserver
{
    private readonly LiveFanout<IncidentChanged> _fanout = new(Matches, options.Value.LiveClientQueue, clock);
    private readonly Lock _gate = new();
    // The next number expected from each sender; a sender is a node's relay sending to this feed.
    private readonly Dictionary<Guid, long> _expected = [];
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every node's relay sends to this feed.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Live clients of this node now.</summary>
    public int Listeners => _fanout.Listeners;

    /// <summary>Changes this feed learnt it missed on their way from a node (not counting clients' own full queues).</summary>
    public long MissedFromNodes { get; private set; }

    private static bool Matches(IncidentChanged change, string? region, string? category) =>
        (category is null || category == change.Incident.Category) && (region is null || change.Incident.Regions.Contains(region));

    /// <summary>Changes matching the filters, and the gaps where some were missed, until <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<LiveItem<IncidentChanged>> Listen(string? region, string? category, CancellationToken cancellationToken) =>
        _fanout.Listen(region, category, cancellationToken);

    public Task Deliver(LiveChangeBatch batch)
    {
        // One sender's batches come one at a time and in order; the lock keeps senders' counts apart from each other.
        lock (_gate)
        {
            var expected = _expected.GetValueOrDefault(batch.Source);
            var skip = Math.Max(0, expected - batch.First);
            if (batch.First > expected)
            {
                MissedFromNodes += batch.First - expected;
                _fanout.Missed(batch.First - expected);
            }

            // A batch tried again after its answer was lost repeats what came: those are skipped.
            for (var i = skip; i < batch.Changes.Length; i++) _fanout.Dispatch(batch.Changes[i]);
            _expected[batch.Source] = Math.Max(expected, batch.First + batch.Changes.Length);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await LiveStart.WaitForStart(lifetime, stoppingToken)) return;
        IAsyncDisposable attachment;
        try
        {
            attachment = await relay.AttachAsync(this, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await using (attachment)
        {
            logger.LogInformation("Live incident feed subscribed to the incident changes of every node");
            _subscribed.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
