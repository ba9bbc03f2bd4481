namespace CityBrain.Live;

/// <summary>A live feed of incident changes (one per node, fanning out to its SSE clients), as the relays see it.</summary>
[Alias("cb.ILiveChangeObserver")]
public interface ILiveChangeObserver : IGrainObserver
{
    /// <summary>Take a batch; returns once it is queued for the feed's clients (never waits on a client).</summary>
    [Alias("Deliver")]
    Task Deliver(LiveChangeBatch batch);
}
