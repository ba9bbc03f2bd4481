using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace CityBrain.Ingest.Mqtt;

/// <summary>The in-process MQTT broker of the embedded default (MQTTnet.Server). A cluster uses an external broker instead.</summary>
public sealed class EmbeddedMqttBroker(IOptions<MqttOptions> options, ILogger<EmbeddedMqttBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var address = IPAddress.TryParse(o.Host, out var ip) ? ip : IPAddress.Loopback;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(o.Port)
            .WithPersistentSessions()
            // MQTTnet drops queued messages past this per subscriber; keep it far above any burst and log a drop.
            .WithMaxPendingMessagesPerClient(o.EmbeddedMaxPendingMessages)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += AssignMissingClientId;
        _server.ApplicationMessageEnqueuedOrDroppedAsync += e =>
        {
            if (e.IsDropped) logger.LogError("Embedded MQTT broker dropped a message on {Topic} for {Client}: its queue holds {Max} messages", e.ApplicationMessage.Topic, e.ReceiverClientId, o.EmbeddedMaxPendingMessages);
            return Task.CompletedTask;
        };
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}", address, o.Port);
    }

    // MQTT 3.1.1 lets a broker accept an empty client id with a clean session and assign one; mosquitto does, and
    // mosquitto_pub relies on it. MQTTnet assigns ids only for MQTT 5 and refuses 3.1.1 clients before any hook
    // could, so the id is set on the CONNECT packet itself. The end-to-end tests publish with a plain mosquitto_pub.
    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private Task AssignMissingClientId(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId) || e.CleanSession == false) return Task.CompletedTask;
        var assigned = $"auto-{Guid.NewGuid():N}";
        e.AssignedClientIdentifier = assigned;
        if (ConnectPacketField?.GetValue(e) is MQTTnet.Packets.MqttConnectPacket packet) packet.ClientId = assigned;
        else logger.LogWarning("Client at {Endpoint} sent an empty client id, which this MQTTnet version cannot assign; connect with a client id", e.RemoteEndPoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }

    public void Dispose() => _server?.Dispose();
}
