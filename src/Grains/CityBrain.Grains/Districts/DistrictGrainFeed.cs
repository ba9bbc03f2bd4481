using CityBrain.Incidents;
using CityBrain.Regions;

namespace CityBrain.Districts;

/// <summary>Tells the district grain of every unit on the incident's region path, from the city down to its grid.</summary>
public sealed class DistrictGrainFeed(IGrainFactory grains) : IRegionFeed
{
    public Task IncidentChanged(IncidentSummary incident)
    {
        var codes = incident.Regions.Codes;
        var calls = new Task[codes.Length];
        for (var i = 0; i < codes.Length; i++) calls[i] = grains.GetGrain<IDistrictGrain>(codes[i]).IncidentChanged(incident);
        return Task.WhenAll(calls);
    }
}
