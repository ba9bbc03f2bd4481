namespace CityBrain.Live;

/// <summary>One node's relay of incident changes, as the registry sees it.</summary>
[Alias("cb.ILiveRelayObserver")]
public interface ILiveRelayObserver : IGrainObserver
{
    /// <summary>The feeds registered now; the relay sends to exactly these from then on.</summary>
    [Alias("FeedsChanged")]
    Task FeedsChanged(LiveFeedEntry[] feeds);
}
