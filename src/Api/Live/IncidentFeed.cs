using CityBrain.Incidents;
using CityBrain.Packs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Api.Live;

/// <summary>Every incident change, for the live stream: filtered by region (any level) and category.</summary>
public sealed class IncidentFeed(IClusterClient client, CityPack pack, IHostApplicationLifetime lifetime, ILogger<IncidentFeed> logger)
    : RegionStreamFeed<IncidentChanged>(client, pack, lifetime, logger, StreamNames.IncidentsNamespace, "incident")
{
    protected override bool Matches(IncidentChanged change, string? region, string? topic) =>
        (topic is null || topic == change.Incident.Category) && (region is null || change.Incident.Regions.Contains(region));
}
