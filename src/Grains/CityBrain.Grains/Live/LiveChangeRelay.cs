using CityBrain.Incidents;
using Microsoft.Extensions.Logging;

namespace CityBrain.Live;

/// <summary>
/// This node's relay of incident changes to the live feeds of every node. An incident grain hands it each stored
/// change (<see cref="Publish"/>: in memory, no grain call, nothing awaited); the relay pushes them to each feed
/// in batches (<see cref="LiveDestination"/>): to this node's own feed in process, to the others' as grain observer
/// calls. Nothing polls, so a change reaches the feeds as soon as a thread is free, and a busy node sends few, large
/// batches rather than one message per change. Which feeds exist comes from <see cref="ILiveFeedRegistryGrain"/>:
/// told at once when one registers, renewed every <see cref="ILiveFeedRegistryGrain.RenewEvery"/>.
/// </summary>
public sealed class LiveChangeRelay(IGrainFactory grains, TimeProvider clock, ILogger<LiveChangeRelay> logger)
    : SiloLoop(clock, logger), ILiveChanges, ILiveRelayObserver
{
    /// <summary>Changes held for one feed at most; past it, changes for that feed are dropped and the feed is told how many.</summary>
    public const int QueueCapacity = 16_384;

    private readonly Guid _id = Guid.NewGuid();
    private readonly Lock _gate = new();
    // This node's feeds: the object itself (delivered to in process) and its observer reference (for the others).
    private readonly Dictionary<Guid, (ILiveChangeObserver Feed, ILiveChangeObserver Reference)> _local = [];
    private LiveDestination[] _destinations = [];
    private ILiveRelayObserver? _self;

    protected override TimeSpan Interval => ILiveFeedRegistryGrain.RenewEvery;

    protected override bool TickAtStart => true;

    private ILiveFeedRegistryGrain Registry => grains.GetGrain<ILiveFeedRegistryGrain>(ILiveFeedRegistryGrain.Key);

    /// <summary>Hand a stored change to every feed; never blocks and never fails.</summary>
    public void Publish(IncidentChanged change)
    {
        foreach (var destination in Volatile.Read(ref _destinations)) destination.Add(change);
    }

    /// <summary>Changes dropped for full queues since this node started, over the feeds it sends to now.</summary>
    public long Dropped => Volatile.Read(ref _destinations).Sum(d => d.Dropped);

    public async Task<IAsyncDisposable> AttachAsync(ILiveChangeObserver feed, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var reference = grains.CreateObjectReference<ILiveChangeObserver>(feed);
        lock (_gate)
        {
            _local[id] = (feed, reference);
            Apply([new LiveFeedEntry(id, reference)], keepOthers: true);
        }

        try
        {
            await Registry.RegisterFeed(new LiveFeedEntry(id, reference)).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // This node's changes reach the feed already; the other nodes' once the next renewal registers it.
            Logger.LogWarning("Live feed {Feed}: the feed registry could not be reached ({Type}: {Message}); registering again within {Renew}", id, e.GetType().Name, e.Message, Interval);
        }

        return new Attachment(this, id, reference);
    }

    public Task FeedsChanged(LiveFeedEntry[] feeds)
    {
        lock (_gate) Apply(feeds, keepOthers: false);
        return Task.CompletedTask;
    }

    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        _self = grains.CreateObjectReference<ILiveRelayObserver>(this);
        try
        {
            await Renew();
        }
        catch (Exception e)
        {
            // The first tick tries again; until then this node sends only to its own feed.
            Logger.LogWarning("Live relay: the feed registry could not be reached at start ({Type}: {Message})", e.GetType().Name, e.Message);
        }
    }

    protected override Task TickAsync(CancellationToken stopping) => Renew();

    protected override async Task StoppedAsync()
    {
        try
        {
            await Registry.UnregisterRelay(_id).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            Logger.LogDebug(e, "Live relay: unregistering at stop failed");
        }

        if (_self is not null) grains.DeleteObjectReference<ILiveRelayObserver>(_self);
    }

    private async Task Renew()
    {
        LiveFeedEntry[] local;
        lock (_gate) local = [.. _local.Select(l => new LiveFeedEntry(l.Key, l.Value.Reference))];
        // This node's feeds renew through their relay, so a registry that moved to another silo knows them again.
        foreach (var feed in local) await Registry.RegisterFeed(feed);

        var feeds = await Registry.RegisterRelay(_id, _self!);
        lock (_gate) Apply(feeds, keepOthers: false);
    }

    /// <summary>
    /// Send to the listed feeds from now on (under the lock). A destination keeps its numbering while its feed stays
    /// listed. One the registry stopped listing is kept until it has been missing for the registry's expiry: a
    /// registry that moved to another silo lists feeds again only as they renew.
    /// </summary>
    private void Apply(LiveFeedEntry[] feeds, bool keepOthers)
    {
        var now = Clock.GetUtcNow();
        var current = _destinations.ToDictionary(d => d.Feed);
        var next = new List<LiveDestination>(feeds.Length);
        foreach (var feed in feeds)
        {
            if (!current.Remove(feed.Feed, out var destination))
            {
                // A feed of this node gets its changes in process, without a grain call.
                Func<LiveChangeBatch, Task> deliver = _local.TryGetValue(feed.Feed, out var local) ? local.Feed.Deliver : feed.Observer.Deliver;
                destination = new LiveDestination(feed.Feed, deliver, QueueCapacity, Logger);
            }

            destination.LastListed = now;
            next.Add(destination);
        }

        foreach (var other in current.Values)
        {
            var keep = keepOthers || _local.ContainsKey(other.Feed) || now - other.LastListed < ILiveFeedRegistryGrain.ExpireAfter;
            if (keep) next.Add(other);
            else other.Close();
        }

        Volatile.Write(ref _destinations, [.. next]);
    }

    private void Detach(Guid id)
    {
        lock (_gate)
        {
            _local.Remove(id);
            var gone = _destinations.Where(d => d.Feed == id).ToList();
            foreach (var d in gone) d.Close();
            Volatile.Write(ref _destinations, [.. _destinations.Except(gone)]);
        }
    }

    private void Forget(ILiveChangeObserver reference) => grains.DeleteObjectReference<ILiveChangeObserver>(reference);

    private sealed class Attachment(LiveChangeRelay relay, Guid id, ILiveChangeObserver reference) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            relay.Detach(id);
            try
            {
                await relay.Registry.UnregisterFeed(id).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e)
            {
                relay.Logger.LogDebug(e, "Live feed {Feed}: unregistering failed; the registry expires it", id);
            }

            relay.Forget(reference);
        }
    }
}
