using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CityBrain.Bench.Suite;

/// <summary>
/// Publishes (the first events of) a feed to a host and measures it. The window opens just before the first publish
/// and closes once the host has taken every event and the live stream has caught up: the rate is the events over the
/// time until all were taken, the CPU is the host's over the whole window (so work it defers past the answer, the
/// live feed's fan-out, is counted too).
/// <para>
/// "Taken" is the host's own word for it. Over HTTP the answer to each post comes once the grains have taken its
/// events, so the last answer is the signal. Over MQTT and Kafka the broker's acknowledgement is not, so the host's
/// <c>GET /api/ingest/progress</c> is read every 100 ms: the transport's finished messages (taken or
/// dead-lettered, then acknowledged or committed) must grow by the events published, with none waiting.
/// </para>
/// </summary>
public sealed class FeedMeasurer(HttpClient http)
{
    /// <summary>Posts of the HTTP runs: 1,000 events each, 4 in flight, so the host always has the next batch.</summary>
    public const int HttpBatch = 1_000;

    public const int HttpInFlight = 4;

    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LiveQuiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LiveWaitMax = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LiveReadyWait = TimeSpan.FromSeconds(10);

    /// <param name="via"><c>http</c>, <c>mqtt</c> or <c>kafka</c>.</param>
    /// <param name="from">The first line of the feed to publish (the ones before went in earlier, e.g. as a warm-up).</param>
    /// <param name="to">The line after the last to publish.</param>
    /// <param name="rate">Events per second; 0 as fast as the host takes them.</param>
    /// <param name="httpBatch">Events per post over HTTP.</param>
    public async Task<Measured> MeasureAsync(
        SuiteHost host, FeedFile feed, string via, int from, int to, double rate, string? kafkaBootstrap, TimeSpan timeout, CancellationToken cancellationToken,
        int httpBatch = HttpBatch)
    {
        to = Math.Min(to, feed.Events);
        var events = Math.Max(0, to - from);
        var ledger = new SuiteLedger(feed.FirstNumber + from, events);
        await using var live = new SseListener(http, new Uri(host.BaseUri, "api/stream/incidents"), ledger.MarkSighting);
        await live.StartAsync(cancellationToken).ConfigureAwait(false);
        // The stream says ready once the client is subscribed; a change before that would not be seen.
        await Task.WhenAny(live.Ready, Task.Delay(LiveReadyWait, cancellationToken)).ConfigureAwait(false);
        var baseline = via == "http" ? 0 : await FinishedAsync(host, via, cancellationToken).ConfigureAwait(false);
        await using IEventPublisher publisher = via switch
        {
            "mqtt" => new MqttPublisher("127.0.0.1", host.MqttPort),
            "kafka" => new KafkaPublisher(kafkaBootstrap ?? throw new ArgumentNullException(nameof(kafkaBootstrap)), KafkaMockChild.EventsTopic),
            _ => new HttpPublisher(http, host.BaseUri, httpBatch, HttpInFlight, printRejections: false),
        };
        await publisher.ConnectAsync(cancellationToken).ConfigureAwait(false);

        var expectedSightings = 0;
        var cpuBefore = host.CpuTicks();
        var clock = Stopwatch.StartNew();
        var pacer = new RatePacer(rate, clock);
        var sliceSize = pacer.SliceSize(publisher.MaxSlice);
        var slice = new List<ReplayEvent>(sliceSize);
        var sent = 0L;
        foreach (var e in FeedReader.Read(feed.Path, to, from))
        {
            if (e.ExpectsIncident) expectedSightings++;
            slice.Add(e);
            if (slice.Count < sliceSize) continue;
            await pacer.WaitForAsync(sent, cancellationToken).ConfigureAwait(false);
            await publisher.PublishAsync(slice, ledger, cancellationToken).ConfigureAwait(false);
            sent += slice.Count;
            slice.Clear();
            if (clock.Elapsed > timeout) return Measured.NotTaken(events, string.Create(CultureInfo.InvariantCulture, $"publishing took longer than {timeout.TotalSeconds:0} s ({sent} of {events} sent)"));
        }

        if (slice.Count > 0)
        {
            await pacer.WaitForAsync(sent, cancellationToken).ConfigureAwait(false);
            await publisher.PublishAsync(slice, ledger, cancellationToken).ConfigureAwait(false);
        }

        await publisher.FlushAsync(cancellationToken).ConfigureAwait(false);
        var publishSeconds = clock.Elapsed.TotalSeconds;
        if (via != "http")
        {
            while (true)
            {
                var (finished, waiting) = await ProgressAsync(host, via, cancellationToken).ConfigureAwait(false);
                if (finished - baseline >= events && waiting == 0) break;
                if (clock.Elapsed > timeout)
                {
                    return Measured.NotTaken(events, string.Create(CultureInfo.InvariantCulture,
                        $"{finished - baseline} of {events} events taken within {timeout.TotalSeconds:0} s (GET /api/ingest/progress, {via})"));
                }

                if (host.HasExited) return Measured.NotTaken(events, $"the host ended:\n{host.Tail}");
                await Task.Delay(ProgressPoll, cancellationToken).ConfigureAwait(false);
            }
        }

        var takenSeconds = clock.Elapsed.TotalSeconds;
        var takenAt = Stopwatch.GetTimestamp();
        // The live stream trails the answers: wait until every change expected has come, or none came for a second.
        while (ledger.Sightings < expectedSightings && Stopwatch.GetElapsedTime(takenAt) < LiveWaitMax)
        {
            var last = Math.Max(ledger.LastSightingAt, takenAt);
            if (Stopwatch.GetElapsedTime(last) >= LiveQuiet) break;
            await Task.Delay(ProgressPoll, cancellationToken).ConfigureAwait(false);
        }

        var cpuSeconds = (double)(host.CpuTicks() - cpuBefore) / ProcStat.TicksPerSecond;
        return new Measured(events, publishSeconds, takenSeconds, clock.Elapsed.TotalSeconds, cpuSeconds, ledger.Accepted, ledger.Rejected,
            ledger.RejectedExamples, expectedSightings, ledger.Sightings, live.Missed, ledger.Latency(), null);
    }

    private async Task<long> FinishedAsync(SuiteHost host, string via, CancellationToken cancellationToken) =>
        (await ProgressAsync(host, via, cancellationToken).ConfigureAwait(false)).Finished;

    private async Task<(long Finished, int Waiting)> ProgressAsync(SuiteHost host, string via, CancellationToken cancellationToken)
    {
        using var document = await ApiHttp.GetJsonAsync(http, new Uri(host.BaseUri, "api/ingest/progress"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        foreach (var transport in document.RootElement.ArrayProperty("transports"))
        {
            if (transport.StringProperty("name") != via) continue;
            var finished = transport.Property("finished") is { ValueKind: JsonValueKind.Number } f ? f.GetInt64() : 0;
            var waiting = transport.Property("waiting") is { ValueKind: JsonValueKind.Number } w ? w.GetInt32() : 0;
            return (finished, waiting);
        }

        throw new BenchException($"GET {host.BaseUri}api/ingest/progress names no transport '{via}': is the host older than the suite?");
    }
}
