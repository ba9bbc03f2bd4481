using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CityBrain.Ingest.DeadLetters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CityBrain.Ingest.Mqtt;

/// <summary>
/// The in-process MQTT broker of the embedded default (MQTTnet.Server). A cluster uses an external broker instead.
/// It listens only on <see cref="MqttOptions.Host"/> (IPv4 or IPv6, not both), refuses payloads larger than
/// <see cref="MqttOptions.MaxPayloadBytes"/> (each kept as a dead letter by prefix), and ends offline persistent
/// sessions when they expire (<see cref="MqttOptions.EmbeddedSessionExpiryMaxSeconds"/>), freeing what they queued.
/// </summary>
public sealed class EmbeddedMqttBroker(
    IOptions<MqttOptions> options,
    IDeadLetterStore deadLetters,
    IOptions<IngestOptions> ingest,
    TimeProvider clock,
    ILogger<EmbeddedMqttBroker> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _offlineUntil = new(StringComparer.Ordinal);
    // The session expiry each connected client asked for in its CONNECT (the DISCONNECT may change it).
    private readonly ConcurrentDictionary<string, uint> _askedExpiry = new(StringComparer.Ordinal);
    private MqttServer? _server;
    private ITimer? _sweep;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var address = ListenAddress(o.Host);
        // MQTTnet's default endpoint listens on IPv4 and, separately, on every IPv6 address. Only the configured
        // address is wanted: IPAddress.None switches the other family off.
        var v4 = address.AddressFamily == AddressFamily.InterNetwork ? address : IPAddress.None;
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6 ? address : IPAddress.None;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(v4)
            .WithDefaultEndpointBoundIPV6Address(v6)
            .WithDefaultEndpointPort(o.Port)
            .WithPersistentSessions()
            // MQTTnet drops queued messages past this per session; each drop is logged.
            .WithMaxPendingMessagesPerClient(o.EmbeddedMaxPendingMessages)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += AssignMissingClientId;
        _server.ValidatingConnectionAsync += e =>
        {
            _askedExpiry[string.IsNullOrEmpty(e.AssignedClientIdentifier) ? e.ClientId : e.AssignedClientIdentifier] = e.SessionExpiryInterval;
            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += RefuseOversize;
        _server.ClientConnectedAsync += e =>
        {
            _offlineUntil.TryRemove(e.ClientId, out _);
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            // MQTT 5 clients say how long their session outlives the connection, at CONNECT or changed at
            // DISCONNECT (0: not at all, which MQTTnet handles itself); MQTT 3.1.1 persistent sessions never expire
            // on their own, so both get the cap.
            _askedExpiry.TryRemove(e.ClientId, out var asked);
            var expiry = e.SessionExpiryInterval != 0 ? e.SessionExpiryInterval : asked;
            var own = expiry == 0 ? (uint)o.EmbeddedSessionExpiryMaxSeconds : Math.Min(expiry, (uint)o.EmbeddedSessionExpiryMaxSeconds);
            _offlineUntil[e.ClientId] = clock.GetUtcNow().AddSeconds(own);
            return Task.CompletedTask;
        };
        _server.ApplicationMessageEnqueuedOrDroppedAsync += e =>
        {
            if (e.IsDropped) logger.LogError("Embedded MQTT broker dropped a message on {Topic} for {Client}: its queue holds {Max} messages", e.ApplicationMessage.Topic, e.ReceiverClientId, o.EmbeddedMaxPendingMessages);
            return Task.CompletedTask;
        };
        await _server.StartAsync();
        _sweep = clock.CreateTimer(_ => _ = EndExpiredSessions(), null, SweepEvery, SweepEvery);
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}", address, o.Port);
    }

    /// <summary>Offline sessions whose expiry is being watched (for tests).</summary>
    internal int OfflineSessionsWatched => _offlineUntil.Count;

    /// <summary>The configured host as an address; a name (e.g. <c>localhost</c>) means the IPv4 loopback.</summary>
    public static IPAddress ListenAddress(string host) => IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback;

    private Task RefuseOversize(InterceptingPublishEventArgs e)
    {
        var o = options.Value;
        var size = e.ApplicationMessage.Payload.Length;
        if (size <= o.MaxPayloadBytes) return Task.CompletedTask;
        e.ProcessPublish = false;
        // MQTT 5 has no PUBACK code for size (0x95 "packet too large" ends the connection, and a QoS 1 publisher
        // would then send the message again on reconnect): refuse this one message and say why.
        e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
        e.Response.ReasonString = $"payload larger than {o.MaxPayloadBytes} bytes";
        // Made while the packet's buffer is valid; only the prefix is copied.
        var letter = DeadLetter.Of(Guid.NewGuid(), clock.GetUtcNow(), "mqtt", e.ApplicationMessage.Topic, "$",
            $"payload of {size} bytes is larger than Mqtt:MaxPayloadBytes ({o.MaxPayloadBytes}); refused by the embedded broker", null, null,
            e.ApplicationMessage.Payload, ingest.Value.DeadLetterPayloadPrefixBytes);
        return deadLetters.AddAsync(letter, e.CancellationToken).AsTask();
    }

    private async Task EndExpiredSessions()
    {
        try
        {
            if (_server is null) return;
            var now = clock.GetUtcNow();
            var connected = (await _server.GetClientsAsync()).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            // A connection refused after validation never disconnects: forget what it asked for.
            foreach (var id in _askedExpiry.Keys.Where(id => !connected.Contains(id))) _askedExpiry.TryRemove(id, out _);
            if (_offlineUntil.IsEmpty) return;
            var sessions = (await _server.GetSessionsAsync()).ToDictionary(s => s.Id, StringComparer.Ordinal);
            foreach (var (id, until) in _offlineUntil)
            {
                // A clean session ends at its disconnect: nothing is left to watch.
                if (!sessions.TryGetValue(id, out var session))
                {
                    _offlineUntil.TryRemove(id, out _);
                    continue;
                }

                if (until > now || connected.Contains(id)) continue;
                await session.DeleteAsync();
                _offlineUntil.TryRemove(id, out _);
                logger.LogInformation("Embedded MQTT broker ended the expired offline session {Client}", id);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("Embedded MQTT broker: ending expired sessions failed ({Type}: {Message}); tried again in a minute", e.GetType().Name, e.Message);
        }
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
        if (_sweep is not null) await _sweep.DisposeAsync();
        if (_server is not null) await _server.StopAsync();
    }

    public void Dispose()
    {
        _sweep?.Dispose();
        _server?.Dispose();
    }
}
