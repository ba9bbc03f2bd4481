using CityBrain.Incidents;
using Orleans.Runtime;

namespace CityBrain.Persistence;

/// <summary>Makes sure the duplicate sweep's reminder exists once the silo is up.</summary>
public sealed class DuplicateSweepStartup(IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DuplicateSweepStartup), ServiceLifecycleStage.Active, _ => grains.GetGrain<IDuplicateSweepGrain>(0).Start());
}
