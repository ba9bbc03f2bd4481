using System.Collections.Concurrent;
using System.Threading.Channels;
using CityBrain.Packs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CityBrain.Api.Live;

/// <summary>
/// This node's one subscription to a family of streams keyed by first-level region, fanned out in memory to every
/// live client of this node with its own filter. Each client has a bounded queue: a client that stops reading
/// loses its oldest messages (it is told by a gap in nothing else), never the node's memory.
/// </summary>
/// <param name="what">What the streams carry, for the log line that says the feed is ready (tests and operators wait for it).</param>
public abstract class RegionStreamFeed<T>(IClusterClient client, CityPack pack, IHostApplicationLifetime lifetime, ILogger logger, string streamNamespace, string what) : BackgroundService
{
    public const int ClientQueueCapacity = 1024;

    private readonly ConcurrentDictionary<Guid, Listener> _listeners = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Listener(string? Region, string? Topic, Channel<T> Queue);

    /// <summary>Completes once this node is subscribed to every stream of the family.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Whether an item passes a client's filters: a region code at any level, and a topic (category or type); null passes all.</summary>
    protected abstract bool Matches(T item, string? region, string? topic);

    /// <summary>Items matching the filters, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<T> Listen(string? region, string? topic, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var queue = Channel.CreateBounded<T>(new BoundedChannelOptions(ClientQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _listeners[id] = new Listener(region, topic, queue);
        try
        {
            await foreach (var change in queue.Reader.ReadAllAsync(cancellationToken)) yield return change;
        }
        finally
        {
            _listeners.TryRemove(id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo must be running before a stream can be subscribed to; it is once the host has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var provider = client.GetStreamProvider(StreamNames.Provider);
        var keys = pack.Regions.Root.Children.Select(c => c.Code).Append(StreamNames.NoRegionKey);
        var handles = new List<StreamSubscriptionHandle<T>>();
        foreach (var key in keys)
        {
            var stream = provider.GetStream<T>(StreamId.Create(streamNamespace, key));
            handles.Add(await stream.SubscribeAsync((change, _) => Dispatch(change)));
        }

        logger.LogInformation("Live {What} feed subscribed to {Count} streams", what, handles.Count);
        _subscribed.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var handle in handles)
        {
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Unsubscribe at shutdown failed");
            }
        }
    }

    private Task Dispatch(T item)
    {
        foreach (var listener in _listeners.Values)
        {
            if (Matches(item, listener.Region, listener.Topic)) listener.Queue.Writer.TryWrite(item);
        }

        return Task.CompletedTask;
    }
}
