using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.Bench;

/// <summary>QoS 1 publishes with a bounded window of concurrent, individually awaited PUBACKs.</summary>
public sealed class MqttPublisher : IEventPublisher
{
    private const int Window = 64;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly string _host;
    private readonly int _port;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly RejectionLog _rejections = new();
    private Exception? _failure;

    public MqttPublisher(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public string Target => $"mqtt://{_host}:{_port}";

    public int MaxSlice => Window;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithCleanSession()
            .WithClientId($"citybrain-bench-{Guid.NewGuid():N}")
            .WithTimeout(ConnectTimeout)
            .Build();
        try
        {
            await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var detail = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            throw new BenchException($"cannot connect to MQTT broker {_host}:{_port}: {detail} (is the CityBrain ingest running?)", ex);
        }
    }

    public async Task PublishAsync(IReadOnlyList<ReplayEvent> slice, IPublishLedger ledger, CancellationToken cancellationToken)
    {
        foreach (var replayEvent in slice)
        {
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _failure) is { } failure)
            {
                _window.Release();
                throw new BenchException($"MQTT publish to {Target} failed: {failure.Message}", failure);
            }

            ledger.MarkSending(replayEvent);
            _ = PublishOneAsync(replayEvent, ledger, cancellationToken);
        }
    }

    private async Task PublishOneAsync(ReplayEvent replayEvent, IPublishLedger ledger, CancellationToken cancellationToken)
    {
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(replayEvent.Topic)
                .WithPayload(replayEvent.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                ledger.MarkAccepted(1);
            }
            else
            {
                ledger.MarkRejected(replayEvent);
                _rejections.Report($"{replayEvent.Key?.ToString() ?? replayEvent.Topic}: PUBACK {result.ReasonCode} {result.ReasonString}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
        }
        finally
        {
            _window.Release();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // Holding every slot of the window means no publish is in flight.
        var held = 0;
        try
        {
            for (; held < Window; held++)
            {
                await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (held > 0)
            {
                _window.Release(held);
            }
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new BenchException($"MQTT publish to {Target} failed: {failure.Message}", failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Disconnect is a courtesy to the broker; the replay's results are already recorded.
            }
        }

        // The window semaphore is deliberately not disposed: publishes cancelled by Ctrl+C may still release it.
        _client.Dispose();
    }
}
