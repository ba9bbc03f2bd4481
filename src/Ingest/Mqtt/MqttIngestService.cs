using System.Buffers;
using CityBrain.Events;
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
/// Messages are handed off without waiting, so many are in flight at once and batch well. A message that keeps
/// failing becomes a dead letter (<see cref="PoisonGuard"/>); one larger than <see cref="MqttOptions.MaxPayloadBytes"/>
/// is a dead letter at once, kept by prefix. The subscriber announces that limit to the broker (MQTT 5 maximum
/// packet size), so a broker that honours it does not send such messages at all.
/// </summary>
public sealed class MqttIngestService(
    IOptions<MqttOptions> options,
    PoisonGuard guard,
    MessageGateway gateway,
    IngestProgress progress,
    ILogger<MqttIngestService> logger) : BackgroundService
{
    // Separate from the stopping token: a node leaving a shared group keeps processing while it drains.
    private readonly CancellationTokenSource _processing = new();

    // Wakes the connection loop at once when the connection is lost: while no node of a shared group is subscribed
    // (a broker restart), some brokers, mosquitto among them, drop what is published to the group.
    private readonly SemaphoreSlim _disconnected = new(0);
    private int _inFlight;
    private long _lastReceivedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            Interlocked.Increment(ref _inFlight);
            Volatile.Write(ref _lastReceivedAt, Environment.TickCount64);
            var topic = e.ApplicationMessage.Topic;
            var ticket = progress.Mqtt.Begin($"mqtt {topic}");
            if (e.ApplicationMessage.Payload.Length > o.MaxPayloadBytes)
            {
                // Kept by prefix only: the whole payload is never copied. The letter is made here, while the
                // receive buffer is still valid.
                var size = e.ApplicationMessage.Payload.Length;
                var letter = gateway.Letter("mqtt", topic, "$", $"payload of {size} bytes is larger than Mqtt:MaxPayloadBytes ({o.MaxPayloadBytes})", null, null, e.ApplicationMessage.Payload);
                _ = RefuseOversize(client, e, letter, ticket, _processing.Token);
                return Task.CompletedTask;
            }

            var payload = e.ApplicationMessage.Payload.ToArray();
            _ = AcceptAndAcknowledge(client, e, topic, payload, e.ApplicationMessage.Dup, ticket, _processing.Token);
            return Task.CompletedTask;
        };

        // MQTT 5 ends a session at disconnect unless it has an expiry: without one, a crash would drop every
        // message the broker had not yet seen acknowledged.
        var clientOptions = ClientOptions(o, cleanStart: false, (uint)o.SessionExpirySeconds);
        client.DisconnectedAsync += _ =>
        {
            if (_disconnected.CurrentCount == 0) _disconnected.Release();
            return Task.CompletedTask;
        };
        var failedConnects = 0;
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
                    failedConnects = 0;
                }

                await _disconnected.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("MQTT: {Failure} ({Type}: {Message}); retrying", ConnectFailure(e, o), e.GetType().Name, e.Message);
                // 200 ms, doubling to 2 s: a broker that restarts is back within a second or two.
                var backoff = TimeSpan.FromMilliseconds(Math.Min(2000, 200 << Math.Min(failedConnects++, 4)));
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        if (client.IsConnected && o.SharedSubscriptionGroup is { Length: > 0 }) await LeaveSharedGroup(client, o);
        await _processing.CancelAsync();
        if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
    }

    /// <summary>
    /// A stopped node of a shared group must not leave a session behind: some brokers (mosquitto among them) keep
    /// handing a disconnected member its share of the messages, which would then wait for a node that may never
    /// come back. So stop subscribing, finish and acknowledge what has arrived, and end the session. Only if that
    /// does not finish in time does the session stay, for a node with the same client id to resume.
    /// </summary>
    private async Task LeaveSharedGroup(IMqttClient client, MqttOptions o)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(o.LeaveDrainSeconds));
            await client.UnsubscribeAsync(o.Subscription, timeout.Token);
            // Messages the broker had already queued for this session still arrive after the unsubscribe.
            while (!timeout.IsCancellationRequested &&
                   (Volatile.Read(ref _inFlight) > 0 || Environment.TickCount64 - Volatile.Read(ref _lastReceivedAt) < 1000))
            {
                await Task.Delay(100, CancellationToken.None);
            }

            if (Volatile.Read(ref _inFlight) > 0)
            {
                logger.LogWarning("MQTT: {Count} messages still unacknowledged after {Seconds} s; session {ClientId} kept for a node with the same client id",
                    Volatile.Read(ref _inFlight), o.LeaveDrainSeconds, o.ClientId);
                return;
            }

            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            // A clean start replaces the session, and an expiry of 0 ends the new one at the disconnect.
            await client.ConnectAsync(ClientOptions(o, cleanStart: true, sessionExpirySeconds: 0), CancellationToken.None);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            logger.LogInformation("Left MQTT shared group {Group}: all received messages acknowledged, session {ClientId} ended", o.SharedSubscriptionGroup, o.ClientId);
        }
        catch (Exception e)
        {
            logger.LogWarning("MQTT: leaving shared group {Group} failed ({Message}); session {ClientId} kept for a node with the same client id", o.SharedSubscriptionGroup, e.Message, o.ClientId);
        }
    }

    /// <summary>What a failed connect or subscribe says about the broker: "not reachable" only when it is not.</summary>
    private static string ConnectFailure(Exception e, MqttOptions o) => e switch
    {
        MQTTnet.Adapter.MqttConnectingFailedException => $"broker {o.Host}:{o.Port} refused the connection",
        MQTTnet.Exceptions.MqttCommunicationTimedOutException => $"broker {o.Host}:{o.Port} did not answer in time",
        MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException => $"broker {o.Host}:{o.Port} not reachable",
        _ => $"connecting or subscribing to broker {o.Host}:{o.Port} failed",
    };

    private static MqttClientOptions ClientOptions(MqttOptions o, bool cleanStart, uint sessionExpirySeconds) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId ?? throw new InvalidOperationException("Mqtt:ClientId is not set"))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval(sessionExpirySeconds)
            .WithCredentials(o.Username, o.Password)
            .WithMaximumPacketSize(o.MaxPacketBytes)
            .Build();

    private async Task AcceptAndAcknowledge(IMqttClient client, MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload, bool redelivered, TransportProgress.Ticket ticket, CancellationToken cancellationToken)
    {
        try
        {
            // Transient faults of the grains or storage (a silo being declared dead) are retried in place by the
            // guard, so the connection and every other message in flight stay as they are meanwhile.
            await guard.AcceptAsync("mqtt", topic, payload, redelivered, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Release(ticket);
            return;
        }
        catch (Exception ex)
        {
            // Neither taken nor kept as a dead letter, for a reason that is not transient: a fault of CityBrain, not
            // of the message or the cluster. Left unacknowledged; a broker redelivers unacknowledged messages of a
            // persistent session only when the client reconnects, so reconnect.
            logger.LogError(ex, "MQTT message on {Topic} could be neither taken nor kept as a dead letter; reconnecting to the broker so it redelivers the message", topic);
            Release(ticket);
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            return;
        }

        await Acknowledge(e, topic, ticket, cancellationToken);
    }

    /// <summary>
    /// PUBACK a message that is safe. If the connection it came on is gone, the broker sends it again after the
    /// reconnect, with the redelivery flag, and it is recognised as a duplicate: nothing to do here.
    /// </summary>
    private async Task Acknowledge(MqttApplicationMessageReceivedEventArgs e, string topic, TransportProgress.Ticket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await e.AcknowledgeAsync(cancellationToken);
            ticket.Done();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("MQTT message on {Topic} was taken but its acknowledgement could not be sent ({Type}: {Message}); the broker redelivers it after the reconnect",
                topic, ex.GetType().Name, ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Release(ticket);
        }
    }

    private void Release(TransportProgress.Ticket ticket)
    {
        ticket.Dispose();
        Interlocked.Decrement(ref _inFlight);
    }

    private async Task RefuseOversize(IMqttClient client, MqttApplicationMessageReceivedEventArgs e, DeadLetters.DeadLetter letter, TransportProgress.Ticket ticket, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await gateway.KeepAsync(letter, cancellationToken);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Release(ticket);
                return;
            }
            catch (Exception ex) when (TransientFaults.IsTransient(ex))
            {
                // Storage unreachable for now: keep the message unacknowledged and try again, as for any other message.
                logger.LogWarning("MQTT: oversize message on {Topic} could not be kept as a dead letter yet ({Type}: {Message}); retrying",
                    letter.Origin, ex.GetType().Name, ex.Message);
                await Task.Delay(PoisonGuard.Backoff(attempt), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "MQTT: oversize message on {Topic} could not be kept as a dead letter; reconnecting to the broker so it redelivers the message", letter.Origin);
                Release(ticket);
                if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                return;
            }
        }

        await Acknowledge(e, letter.Origin, ticket, cancellationToken);
    }

    public override void Dispose()
    {
        _processing.Dispose();
        _disconnected.Dispose();
        base.Dispose();
    }
}
