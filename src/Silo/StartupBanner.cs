using CityBrain.Ingest.Demo;
using CityBrain.Ingest.Mqtt;
using CityBrain.Packs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CityBrain.Silo;

/// <summary>Tells the person who just ran the command where everything is.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    CityPack pack,
    IOptions<MqttOptions> mqtt,
    IOptions<DemoFeedOptions> demo,
    IOptions<CityBrain.Ingest.Kafka.KafkaOptions> kafka,
    IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? configuration["Http:Url"];
            var m = mqtt.Value;
            var demoOn = configuration.GetValue("Demo:Enabled", true);
            var k = kafka.Value;
            var skipped = pack.PointReport.Bad == 0 ? "" : $", {pack.PointReport.Bad} bad point entries skipped";
            var kafkaLine = k.Enabled
                ? $"{(k.Embedded ? "embedded mock cluster" : "brokers")} {k.BootstrapServers}, consuming {string.Join(", ", k.Topics)}{(string.IsNullOrEmpty(k.IncidentsTopic) ? "" : $", incident changes to {k.IncidentsTopic}")}"
                : "off";
            Console.WriteLine($"""

                CityBrain is running: {pack.Name} ({pack.Regions.Count} regions, {pack.Points.Count} registered points{skipped})
                  API          {url}/api/incidents   {url}/api/regions   {url}/api/pack
                  Live stream  {url}/api/stream/incidents   (Server-Sent Events)
                  OpenAPI      {url}/openapi/v1.json
                  MQTT         {(m.Embedded ? "embedded broker" : "broker")} {m.Host}:{m.Port}, publish CloudEvents to city/<source>/events (QoS 1)
                  Kafka        {kafkaLine}
                  Storage      {configuration["Storage:Provider"] ?? "Memory"}
                  Demo feed    {(demoOn ? $"on, {demo.Value.EventsPerSecond} events/s to city/{demo.Value.Source}/events" : "off")}

                """);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
