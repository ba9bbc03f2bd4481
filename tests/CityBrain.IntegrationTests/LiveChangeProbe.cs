using CityBrain.Incidents;
using CityBrain.Live;

namespace CityBrain.IntegrationTests;

/// <summary>
/// A live feed of the test client's own, registered as every node's feed is: it sees the incident changes of every
/// silo, and completes <see cref="Matched"/> with the first that passes its predicate.
/// </summary>
internal sealed class LiveChangeProbe(IClusterClient client, Func<IncidentChanged, bool> predicate) : ILiveChangeObserver, IAsyncDisposable
{
    private readonly Guid _id = Guid.NewGuid();
    private ILiveChangeObserver? _reference;
    private readonly TaskCompletionSource<IncidentChanged> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IncidentChanged> Matched => _matched.Task;

    private ILiveFeedRegistryGrain Registry => client.GetGrain<ILiveFeedRegistryGrain>(ILiveFeedRegistryGrain.Key);

    /// <summary>Registered once every silo's relay sends to it.</summary>
    public static async Task<LiveChangeProbe> Attach(IClusterClient client, Func<IncidentChanged, bool> predicate)
    {
        var probe = new LiveChangeProbe(client, predicate);
        probe._reference = client.CreateObjectReference<ILiveChangeObserver>(probe);
        await probe.Registry.RegisterFeed(new LiveFeedEntry(probe._id, probe._reference));
        return probe;
    }

    public Task Deliver(LiveChangeBatch batch)
    {
        foreach (var change in batch.Changes.Where(predicate)) _matched.TrySetResult(change);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.UnregisterFeed(_id);
        if (_reference is not null) client.DeleteObjectReference<ILiveChangeObserver>(_reference);
    }
}
