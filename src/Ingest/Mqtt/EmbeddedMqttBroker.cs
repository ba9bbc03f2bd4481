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
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}", address, o.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }

    public void Dispose() => _server?.Dispose();
}
