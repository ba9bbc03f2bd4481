namespace CityBrain.Live;

/// <summary>
/// This node's relay of incident changes, for a live feed hosted in the same process: the feed attaches once and
/// from then on receives every change stored on any node of the cluster, as <see cref="LiveChangeBatch"/>es.
/// </summary>
public interface ILiveChanges
{
    /// <summary>
    /// Attach <paramref name="feed"/>: this node delivers to it in process, the others through the registry.
    /// Completes once every node's relay knows it; disposing the handle detaches it.
    /// </summary>
    Task<IAsyncDisposable> AttachAsync(ILiveChangeObserver feed, CancellationToken cancellationToken);
}
