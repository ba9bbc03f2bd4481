namespace CityBrain.Live;

/// <summary>
/// Who receives incident changes: the live feeds (one per node) and the relays (one per node) that send to them.
/// Key: <see cref="Key"/>, one registry for the cluster; touched only when a node starts, stops or renews (every
/// <see cref="RenewEvery"/>), never per change. Kept in memory: a registry that moved to another silo is filled
/// again by the next renewals. An entry not renewed for <see cref="ExpireAfter"/> is dropped.
/// </summary>
[Alias("cb.ILiveFeedRegistryGrain")]
public interface ILiveFeedRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one key.</summary>
    public const string Key = "incident-changes";

    /// <summary>How often feeds and relays renew their entries.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    /// <summary>How long an entry lives without renewal.</summary>
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromSeconds(100);

    /// <summary>Add or renew a feed; completes once every relay registered has been told (or failed to answer).</summary>
    [Alias("RegisterFeed")]
    Task RegisterFeed(LiveFeedEntry feed);

    /// <summary>Remove a feed and tell the relays.</summary>
    [Alias("UnregisterFeed")]
    Task UnregisterFeed(Guid feed);

    /// <summary>Add or renew a relay; returns the feeds registered now.</summary>
    [Alias("RegisterRelay")]
    Task<LiveFeedEntry[]> RegisterRelay(Guid relay, ILiveRelayObserver observer);

    /// <summary>Remove a relay (its node stops).</summary>
    [Alias("UnregisterRelay")]
    Task UnregisterRelay(Guid relay);
}
