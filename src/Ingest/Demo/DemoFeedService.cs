using System.Diagnostics;
using CityBrain.Ingest.Mqtt;
using CityBrain.Packs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.Ingest.Demo;

/// <summary>
/// Publishes the demo city's live feed to the MQTT broker like any camera platform would, so the demo runs
/// through the same ingest path as real traffic.
/// </summary>
public sealed class DemoFeedService(
    IOptions<DemoFeedOptions> options,
    IOptions<MqttOptions> mqtt,
    CityPack pack,
    TimeProvider clock,
    ILogger<DemoFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var generator = new DemoEventGenerator(pack, o.Source, o.Seed);
        if (!generator.HasPoints)
        {
            logger.LogWarning("Demo feed off: city pack {Pack} registers no cameras or sensors inside its regions", pack.Name);
            return;
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Value.Host, mqtt.Value.Port)
            .WithClientId($"citybrain-demo-{Environment.ProcessId}")
            .WithCredentials(mqtt.Value.Username, mqtt.Value.Password)
            .Build();
        var topic = $"city/{o.Source}/events";
        var interval = TimeSpan.FromSeconds(1 / o.EventsPerSecond);
        var clockWatch = Stopwatch.StartNew();
        long sent = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(clientOptions, stoppingToken);
                    logger.LogInformation("Demo feed publishing {Rate} events/s to MQTT {Topic}", o.EventsPerSecond, topic);
                }

                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(generator.Next(clock.GetUtcNow()))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                await client.PublishAsync(message, stoppingToken);
                sent++;
                var due = interval * sent - clockWatch.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Demo feed cannot publish to {Host}:{Port} ({Message}); retrying", mqtt.Value.Host, mqtt.Value.Port, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                sent = (long)(clockWatch.Elapsed / interval);
            }
        }
    }
}
