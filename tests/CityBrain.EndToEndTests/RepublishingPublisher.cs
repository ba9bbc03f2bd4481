using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.EndToEndTests;

/// <summary>
/// A QoS 1 publisher that outlives a broker restart, as a producer that must lose nothing behaves (bench replay
/// gives up at the first failed publish): it paces an NDJSON feed at a steady rate with a window of publishes in
/// flight, reconnects when the connection drops, and publishes again every line the broker has not acknowledged
/// (PUBACK) or has acknowledged with MQTT 5's "no matching subscribers": a broker that has just restarted may not
/// know the subscribers' shared subscriptions until they subscribe again (mosquitto does not keep them in its
/// persistence file), and drops what it has no subscriber for. A line published again may arrive twice; the
/// platform drops the copy by its event id. A PUBACK that refuses a line fails the run.
/// </summary>
public sealed class RepublishingPublisher(int port) : IDisposable
{
    private const int Window = 64;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly MqttClientOptions _options = new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithClientId($"e2e-republisher-{Guid.NewGuid():N}")
        .WithCleanStart()
        .WithTimeout(TimeSpan.FromSeconds(5))
        .Build();

    private long _acknowledged;
    private long _republished;
    private long _unrouted;
    private int _connects;

    /// <summary>Lines the broker has acknowledged so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Publishes made again after a failed attempt (lost connection, no PUBACK in time).</summary>
    public long Republished => Interlocked.Read(ref _republished);

    /// <summary>PUBACKs that said "no matching subscribers": the broker dropped the line, so it was published again.</summary>
    public long Unrouted => Interlocked.Read(ref _unrouted);

    /// <summary>Successful connects, the first included.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>
    /// Publishes every line of <paramref name="ndjson"/> to <c>city/{source}/events</c> at
    /// <paramref name="perSecond"/>, and returns once the broker has acknowledged each. A line that cannot be
    /// published within <paramref name="giveUpAfter"/> of its first attempt fails the run.
    /// </summary>
    public async Task PublishAllAsync(string ndjson, double perSecond, TimeSpan giveUpAfter)
    {
        var lines = (await File.ReadAllLinesAsync(ndjson)).Where(l => l.Length > 0).ToArray();
        using var window = new SemaphoreSlim(Window, Window);
        var publishes = new List<Task>(lines.Length);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < lines.Length; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due - clock.Elapsed is { TotalMilliseconds: >= 1 } wait) await Task.Delay(wait);
            await window.WaitAsync();
            publishes.Add(PublishUntilAcknowledgedAsync(Message(lines[i]), giveUpAfter, window));
        }

        await Task.WhenAll(publishes);
    }

    private static MqttApplicationMessage Message(string line)
    {
        using var json = JsonDocument.Parse(line);
        var source = json.RootElement.GetProperty("source").GetString();
        return new MqttApplicationMessageBuilder().WithTopic($"city/{source}/events").WithPayload(line)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    private async Task PublishUntilAcknowledgedAsync(MqttApplicationMessage message, TimeSpan giveUpAfter, SemaphoreSlim window)
    {
        try
        {
            var deadline = DateTime.UtcNow + giveUpAfter;
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0) Interlocked.Increment(ref _republished);
                MqttClientPublishResult result;
                try
                {
                    await EnsureConnectedAsync();
                    using var timeout = new CancellationTokenSource(AttemptTimeout);
                    result = await _client.PublishAsync(message, timeout.Token);
                }
                catch (Exception e) when (DateTime.UtcNow < deadline && e is not ObjectDisposedException)
                {
                    // Not connected, the connection dropped before the PUBACK, or none came in time: the broker
                    // may or may not have the message, so publish it again.
                    await Task.Delay(100);
                    continue;
                }

                if (result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers && DateTime.UtcNow < deadline)
                {
                    Interlocked.Increment(ref _unrouted);
                    await Task.Delay(100);
                    continue;
                }

                if (!result.IsSuccess) throw new InvalidOperationException($"broker refused a message on {message.Topic}: PUBACK {result.ReasonCode} {result.ReasonString}");
                Interlocked.Increment(ref _acknowledged);
                return;
            }
        }
        finally
        {
            window.Release();
        }
    }

    private async Task EnsureConnectedAsync()
    {
        if (_client.IsConnected) return;
        await _connecting.WaitAsync();
        try
        {
            if (_client.IsConnected) return;
            await _client.ConnectAsync(_options);
            Interlocked.Increment(ref _connects);
        }
        finally
        {
            _connecting.Release();
        }
    }

    public void Dispose() => _client.Dispose();
}
