using System.Buffers;
using CityBrain.Ingest.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Ingest.Mqtt;

/// <summary>
/// Subscribes to the event topics at QoS 1 and acknowledges each message only once it is safe: taken by the
/// grains or kept as a dead letter. Until then the broker holds it and redelivers after a reconnect.
/// Messages are handed off without waiting, so many are in flight at once and batch well.
/// </summary>
public sealed class MqttIngestService(IOptions<MqttOptions> options, MessageGateway gateway, ILogger<MqttIngestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            var topic = e.ApplicationMessage.Topic;
            var payload = e.ApplicationMessage.Payload.ToArray();
            _ = AcceptAndAcknowledge(client, e, topic, payload, stoppingToken);
            return Task.CompletedTask;
        };

        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId ?? throw new InvalidOperationException("Mqtt:ClientId is not set"))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            // MQTT 5 ends a session at disconnect unless it has an expiry: without one, a crash would drop
            // every message the broker had not yet seen acknowledged.
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)o.SessionExpirySeconds)
            .WithCredentials(o.Username, o.Password)
            .Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(clientOptions, stoppingToken);
                    await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(f => f.WithTopic(o.Subscription).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                        .Build(), stoppingToken);
                    logger.LogInformation("Subscribed to MQTT {Filter} at {Host}:{Port} as {ClientId}", o.Subscription, o.Host, o.Port, o.ClientId);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("MQTT broker {Host}:{Port} not reachable ({Message}); retrying", o.Host, o.Port, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
    }

    private async Task AcceptAndAcknowledge(IMqttClient client, MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload, CancellationToken stoppingToken)
    {
        try
        {
            await gateway.AcceptAsync("mqtt", topic, payload, stoppingToken);
            await e.AcknowledgeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Left unacknowledged on purpose. A broker redelivers unacknowledged messages of a persistent session
            // only when the client reconnects, so drop the connection; the loop above reconnects.
            logger.LogError(ex, "MQTT message on {Topic} not taken; reconnecting so the broker redelivers it", topic);
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
    }
}
