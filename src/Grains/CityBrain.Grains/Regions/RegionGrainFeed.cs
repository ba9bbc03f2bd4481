using CityBrain.Incidents;
using CityBrain.Regions;
using Microsoft.Extensions.Hosting;

namespace CityBrain.Regions;

/// <summary>Tells the district grain of every unit on the incident's region path, from the city down to its grid.</summary>
public sealed class RegionGrainFeed(IGrainFactory grains, IHostApplicationLifetime lifetime) : IRegionFeed
{
    public Task IncidentChanged(IncidentSummary incident)
    {
        // Not once the host is stopping: the silo then deactivates every grain at once, so an incident's change (its
        // delayed evidence refresh above all) would try to place a district on a silo that is leaving (a failure
        // logged per call), and districts keep their lists in memory only, which ends with the process anyway.
        if (lifetime.ApplicationStopping.IsCancellationRequested) return Task.CompletedTask;
        var codes = incident.Regions.Codes;
        var calls = new Task[codes.Length];
        for (var i = 0; i < codes.Length; i++) calls[i] = grains.GetGrain<IRegionGrain>(codes[i]).IncidentChanged(incident);
        return Task.WhenAll(calls);
    }
}
