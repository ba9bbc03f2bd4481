using System.Diagnostics;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>replay: publish an NDJSON event file and measure publish-to-SSE latency.</summary>
public sealed class Replayer
{
    private static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(50);
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _file;
    private readonly string _via;
    private readonly double _rate;
    private readonly string _mqttHost;
    private readonly int _mqttPort;
    private readonly string _kafka;
    private readonly string _kafkaTopic;
    private readonly Uri _http;
    private readonly Uri _sse;
    private readonly bool _noSse;
    private readonly TimeSpan _timeout;
    private readonly int _batch;
    private readonly string? _jsonPath;
    private readonly string _reproduce;

    private Replayer(CommandOptions options, IEnumerable<string> args)
    {
        _file = options.Required("file");
        _via = options.Choice("via", "mqtt", "http", "kafka");
        _kafka = options.Optional("kafka") ?? "127.0.0.1:9092";
        _kafkaTopic = options.Optional("kafka-topic") ?? "city.events";
        _rate = options.Double("rate", 0, 0);
        _mqttHost = options.Optional("mqtt-host") ?? "127.0.0.1";
        _mqttPort = options.Int("mqtt-port", 1883, 1, 65535);
        _http = options.HttpUri("http", "http://127.0.0.1:5080");
        _sse = options.HttpUri("sse", "http://127.0.0.1:5080/api/stream/incidents");
        _noSse = options.HasFlag("no-sse");
        _timeout = TimeSpan.FromSeconds(options.Int("timeout-seconds", 60, 0, 86_400));
        _batch = options.Int("batch", 100, 1, 100_000);
        _jsonPath = options.Optional("json");
        _reproduce = CommandLineText.Reproduce(args);
        if (_mqttHost.Length == 0)
        {
            throw new UsageException("option '--mqtt-host' must not be empty");
        }
    }

    public static readonly string[] ValueOptions =
        ["file", "via", "rate", "mqtt-host", "mqtt-port", "kafka", "kafka-topic", "http", "sse", "timeout-seconds", "batch", "json"];

    public static readonly string[] FlagOptions = ["no-sse"];

    public static Task<int> RunAsync(CommandOptions options, IEnumerable<string> args, CancellationToken cancellationToken) =>
        new Replayer(options, args).RunAsync(cancellationToken);

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var events = NdjsonEventFile.Load(_file);
        if (events.Count == 0)
        {
            throw new BenchException($"{_file} holds no events");
        }

        using var http = ApiHttp.CreateClient();
        var ledger = new ReplayLedger();

        SseListener? sse = null;
        if (!_noSse)
        {
            sse = new SseListener(http, _sse, ledger.MarkSighting);
            await sse.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"replay: listening on {_sse}");
        }

        try
        {
            await using IEventPublisher publisher = _via switch
            {
                "mqtt" => new MqttPublisher(_mqttHost, _mqttPort),
                "kafka" => new KafkaPublisher(_kafka, _kafkaTopic),
                _ => new HttpPublisher(http, _http, _batch),
            };
            await publisher.ConnectAsync(cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"replay: publishing {events.Count} events from {_file} to {publisher.Target}");

            var (publishSeconds, timedOut, interrupted) = await PublishAndWaitAsync(events, publisher, ledger, sse is not null, cancellationToken)
                .ConfigureAwait(false);

            var summary = Summarize(events.Count, publisher.Target, ledger, publishSeconds, timedOut, interrupted);
            Console.WriteLine(summary.ToText());
            if (sse is { Malformed: > 0 })
            {
                Console.Error.WriteLine($"replay: {sse.Malformed} SSE messages were not valid JSON");
            }

            if (_jsonPath is not null)
            {
                await File.WriteAllTextAsync(_jsonPath, JsonSerializer.Serialize(summary, SummaryJson), CancellationToken.None).ConfigureAwait(false);
                Console.Error.WriteLine($"replay: summary written to {_jsonPath}");
            }

            return interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
        }
        finally
        {
            if (sse is not null)
            {
                await sse.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<(double PublishSeconds, bool TimedOut, bool Interrupted)> PublishAndWaitAsync(
        List<ReplayEvent> events, IEventPublisher publisher, ReplayLedger ledger, bool waitForSse, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pacer = new RatePacer(_rate, clock);
        var sliceSize = pacer.SliceSize(publisher.MaxSlice);
        await using var progress = new ProgressReporter(ledger, events.Count, waitForSse);

        try
        {
            for (var start = 0; start < events.Count; start += sliceSize)
            {
                await pacer.WaitForAsync(start, cancellationToken).ConfigureAwait(false);
                var slice = events.GetRange(start, Math.Min(sliceSize, events.Count - start));
                await publisher.PublishAsync(slice, ledger, cancellationToken).ConfigureAwait(false);
            }

            await publisher.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (clock.Elapsed.TotalSeconds, false, true);
        }

        var publishSeconds = clock.Elapsed.TotalSeconds;
        if (!waitForSse)
        {
            return (publishSeconds, false, false);
        }

        var deadline = Stopwatch.StartNew();
        try
        {
            while (ledger.Outstanding > 0)
            {
                if (deadline.Elapsed >= _timeout)
                {
                    return (publishSeconds, true, false);
                }

                await Task.Delay(WaitPoll, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (publishSeconds, false, true);
        }

        return (publishSeconds, false, false);
    }

    private ReplaySummary Summarize(
        int events, string target, ReplayLedger ledger, double publishSeconds, bool timedOut, bool interrupted)
    {
        var sent = ledger.Sent;
        var expected = ledger.ExpectedCount;
        var seen = ledger.SeenExpected;
        return new ReplaySummary(
            Via: _via,
            Target: target,
            File: _file,
            Events: events,
            Sent: sent,
            Accepted: ledger.Accepted,
            Rejected: ledger.Rejected,
            TargetRate: _rate > 0 ? _rate : null,
            PublishSeconds: publishSeconds,
            EventsPerSecond: publishSeconds > 0 ? sent / publishSeconds : 0,
            Sse: !_noSse,
            ExpectedOnSse: expected,
            SeenOnSse: seen,
            NotSeen: expected - seen,
            SightingsTotal: ledger.SeenTotal,
            LatencyMs: LatencyStats.From(ledger.LatenciesMs()),
            TimedOut: timedOut,
            Interrupted: interrupted,
            Reproduce: _reproduce);
    }
}
