using CityBrain.Packs;
using CityBrain.Scenarios;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Api.Live;

/// <summary>Every notification a scenario emits, for the live stream: filtered by region (any level) and event type.</summary>
public sealed class ScenarioNoticeFeed(IClusterClient client, CityPack pack, IHostApplicationLifetime lifetime, ILogger<ScenarioNoticeFeed> logger, IOptions<ApiOptions> options, TimeProvider clock)
    : RegionStreamFeed<ScenarioNotice>(client, pack, lifetime, logger, StreamNames.ScenarioNoticesNamespace, "scenario notice", options, clock)
{
    protected override bool Matches(ScenarioNotice notice, string? region, string? topic) =>
        (topic is null || topic == notice.Type) && (region is null || notice.Regions.Contains(region));
}
