using Microsoft.Extensions.Logging;

namespace CityBrain.Live;

/// <inheritdoc cref="ILiveFeedRegistryGrain"/>
[GrainType("live-feed-registry")]
public sealed class LiveFeedRegistryGrain(TimeProvider clock, ILogger<LiveFeedRegistryGrain> logger) : Grain, ILiveFeedRegistryGrain
{
    /// <summary>A relay that does not answer within this is skipped; it learns the feeds at its next renewal.</summary>
    private static readonly TimeSpan TellTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Guid, (LiveFeedEntry Entry, DateTimeOffset Seen)> _feeds = [];
    private readonly Dictionary<Guid, (ILiveRelayObserver Observer, DateTimeOffset Seen)> _relays = [];

    public async Task RegisterFeed(LiveFeedEntry feed)
    {
        Expire();
        var known = _feeds.ContainsKey(feed.Feed);
        _feeds[feed.Feed] = (feed, clock.GetUtcNow());
        if (!known) await TellRelays();
    }

    public async Task UnregisterFeed(Guid feed)
    {
        if (_feeds.Remove(feed)) await TellRelays();
    }

    public Task<LiveFeedEntry[]> RegisterRelay(Guid relay, ILiveRelayObserver observer)
    {
        Expire();
        _relays[relay] = (observer, clock.GetUtcNow());
        return Task.FromResult(Feeds());
    }

    public Task UnregisterRelay(Guid relay)
    {
        _relays.Remove(relay);
        return Task.CompletedTask;
    }

    private LiveFeedEntry[] Feeds() => [.. _feeds.Values.Select(f => f.Entry)];

    private async Task TellRelays()
    {
        var feeds = Feeds();
        await Task.WhenAll(_relays.Select(async relay =>
        {
            try
            {
                await relay.Value.Observer.FeedsChanged(feeds).WaitAsync(TellTimeout);
            }
            catch (Exception e)
            {
                logger.LogInformation("Live relay {Relay} not told of the feeds now ({Type}: {Message}); it learns them when it renews", relay.Key, e.GetType().Name, e.Message);
            }
        }));
    }

    private void Expire()
    {
        var before = clock.GetUtcNow() - ILiveFeedRegistryGrain.ExpireAfter;
        foreach (var (id, feed) in _feeds.Where(f => f.Value.Seen < before).ToList())
        {
            _feeds.Remove(id);
            logger.LogInformation("Live feed {Feed} expired: not renewed since {Seen}", id, feed.Seen);
        }

        foreach (var id in _relays.Where(r => r.Value.Seen < before).Select(r => r.Key).ToList()) _relays.Remove(id);
    }
}
