using System.Collections.Concurrent;
using System.Threading.Channels;
using CityBrain.Incidents;
using CityBrain.Packs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace CityBrain.Api.Live;

/// <summary>
/// This node's one subscription to the incident streams (one stream per first-level region), fanned out in
/// memory to every live client of this node with its own filter. Each client has a bounded queue: a client
/// that stops reading loses its oldest messages (it is told by a gap in nothing else), never the node's memory.
/// </summary>
public sealed class IncidentFeed(IClusterClient client, CityPack pack, IHostApplicationLifetime lifetime, ILogger<IncidentFeed> logger) : BackgroundService
{
    public const int ClientQueueCapacity = 1024;

    private readonly ConcurrentDictionary<Guid, Listener> _listeners = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Listener(string? Region, string? Category, Channel<IncidentChanged> Queue);

    /// <summary>Completes once this node is subscribed to every incident stream.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Changes matching the filters (region code at any level, category), until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<IncidentChanged> Listen(string? region, string? category, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var queue = Channel.CreateBounded<IncidentChanged>(new BoundedChannelOptions(ClientQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _listeners[id] = new Listener(region, category, queue);
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
        var handles = new List<StreamSubscriptionHandle<IncidentChanged>>();
        foreach (var key in keys)
        {
            var stream = provider.GetStream<IncidentChanged>(StreamId.Create(StreamNames.IncidentsNamespace, key));
            handles.Add(await stream.SubscribeAsync((change, _) => Dispatch(change)));
        }

        logger.LogInformation("Live incident feed subscribed to {Count} streams", handles.Count);
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

    private Task Dispatch(IncidentChanged change)
    {
        foreach (var listener in _listeners.Values)
        {
            if (listener.Category is not null && listener.Category != change.Incident.Category) continue;
            if (listener.Region is not null && !change.Incident.Regions.Contains(listener.Region)) continue;
            listener.Queue.Writer.TryWrite(change);
        }

        return Task.CompletedTask;
    }
}
