using CityBrain.Packs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace CityBrain.Api.Live;

/// <summary>
/// This node's one subscription to a family of streams keyed by first-level region, fanned out in memory to every
/// live client of this node with its own filter (<see cref="LiveFanout{T}"/>: a client that reads too slowly is told
/// how many items it missed, never silently skipped, and never grows the node's memory).
/// </summary>
/// <param name="what">What the streams carry, for the log line that says the feed is ready (tests and operators wait for it).</param>
public abstract class RegionStreamFeed<T>(IClusterClient client, CityPack pack, IHostApplicationLifetime lifetime, ILogger logger, string streamNamespace, string what, IOptions<ApiOptions> options, TimeProvider clock) : BackgroundService
{
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveFanout<T>? _fanout;

    private LiveFanout<T> Fanout => _fanout ??= new LiveFanout<T>(Matches, options.Value.LiveClientQueue, clock);

    /// <summary>Completes once this node is subscribed to every stream of the family.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Whether an item passes a client's filters: a region code at any level, and a topic (category or type); null passes all.</summary>
    protected abstract bool Matches(T item, string? region, string? topic);

    /// <summary>Items matching the filters, and the gaps where a slow client missed some, until <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<LiveItem<T>> Listen(string? region, string? topic, CancellationToken cancellationToken) =>
        Fanout.Listen(region, topic, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo must be running before a stream can be subscribed to; it is once the host has started.
        if (!await LiveStart.WaitForStart(lifetime, stoppingToken)) return;

        var provider = client.GetStreamProvider(StreamNames.Provider);
        var keys = pack.Regions.Root.Children.Select(c => c.Code).Append(StreamNames.NoRegionKey);
        var handles = new List<StreamSubscriptionHandle<T>>();
        foreach (var key in keys)
        {
            var stream = provider.GetStream<T>(StreamId.Create(streamNamespace, key));
            handles.Add(await stream.SubscribeAsync((item, _) =>
            {
                Fanout.Dispatch(item);
                return Task.CompletedTask;
            }));
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
}
