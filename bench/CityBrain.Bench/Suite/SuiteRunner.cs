using System.Globalization;
using System.Text.Json;
using CityBrain.Packs;

namespace CityBrain.Bench.Suite;

/// <summary>
/// Makes the suite's runs one after the other, each against a fresh host it starts and stops itself, and turns
/// each into rows. A run that fails is a row that says why; the next run still goes.
/// </summary>
public sealed class SuiteRunner
{
    private const string CityScenarios = "scenarios-city";
    private const int PaddingTopics = 45;

    private readonly SuiteSettings _settings;
    private readonly string _work;
    private readonly HttpClient _http;
    private readonly FeedMeasurer _measurer;
    private readonly Dictionary<string, FeedFile> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _via = new(StringComparer.Ordinal);
    private CityLayout? _layout;
    private CityFeedWriter? _writer;
    private string? _pack;
    private int _cityScenarioCount;

    public SuiteRunner(SuiteSettings settings, string workFolder, HttpClient http)
    {
        _settings = settings;
        _work = workFolder;
        _http = http;
        _measurer = new FeedMeasurer(http);
    }

    private SuiteSizes Sizes => _settings.Sizes;

    private TimeSpan Timeout => Sizes.PhaseTimeout;

    private CityLayout Layout => _layout ?? throw new InvalidOperationException("the pack is not prepared");

    private CityFeedWriter Writer => _writer ?? throw new InvalidOperationException("the pack is not prepared");

    /// <summary>Writes the pack copy and the city's built-in scenario folder.</summary>
    public void Prepare()
    {
        var source = Path.Combine(_settings.RepositoryRoot, "packs", "chengdu");
        Log($"generating a copy of {source} with {Sizes.Points:N0} points");
        var pack = CityPackLoader.Load(source);
        _layout = CityLayoutGenerator.Generate(pack, Sizes.Points, _settings.Seed);
        _pack = Path.Combine(_work, "pack");
        CityPackCopyWriter.Write(source, _pack, _layout);
        _writer = new CityFeedWriter(_layout, _settings.Seed);
        var copy = CityPackLoader.Load(_pack);
        if (copy.PointReport.Loaded != Sizes.Points || copy.PointReport.Bad != 0) throw new BenchException($"the pack written to {_pack} does not load every point: {copy.PointReport.Summary()}");
        Log($"pack: {_layout.Cameras.Count:N0} cameras at {_layout.Sites.Count:N0} sites, {_layout.Sensors.Count:N0} sensors -> {_pack}");
        _cityScenarioCount = WriteCityScenarios(Path.Combine(_settings.RepositoryRoot, "packs", "scenarios"), Path.Combine(_work, CityScenarios));
    }

    /// <summary>Runs one named run of <see cref="SuiteSettings.AllRuns"/>; its rows.</summary>
    public async Task<IReadOnlyList<RunResult>> RunAsync(string run, CancellationToken cancellationToken)
    {
        Log($"run {run}");
        try
        {
            return run switch
            {
                "floor" => await FloorAsync(cancellationToken).ConfigureAwait(false),
                "readings" => [await FeedRunAsync(run, "http", Feed("readings", f => Writer.Write(f, FeedMix.ReadingsOnly, Sizes.ReadingEvents, salt: 1)), Sizes.ReadingEvents, cancellationToken).ConfigureAwait(false)],
                "opens" => [await FeedRunAsync(run, "http", Feed("opens", f => Writer.Write(f, FeedMix.OpensOnly, Sizes.OpenEvents, salt: 2)), Sizes.OpenEvents, cancellationToken).ConfigureAwait(false)],
                "attach" => await AttachAsync(cancellationToken).ConfigureAwait(false),
                "mixed-kafka" => [await FeedRunAsync(run, "kafka", MixedFeed(), Sizes.MixedEvents, cancellationToken).ConfigureAwait(false)],
                "mixed-mqtt" => [await FeedRunAsync(run, "mqtt", MixedFeed(), Sizes.MixedEvents, cancellationToken).ConfigureAwait(false)],
                "mixed-http" => [await FeedRunAsync(run, "http", MixedFeed(), Sizes.MixedEvents, cancellationToken).ConfigureAwait(false)],
                "mixed-postgres" => [await PostgresAsync(cancellationToken).ConfigureAwait(false)],
                "latency" => [await FeedRunAsync(run, "kafka", MixedFeed(), Sizes.LatencyEvents, cancellationToken, rate: Sizes.LatencyRate).ConfigureAwait(false)],
                "start-160k" => [await StartAsync(cancellationToken).ConfigureAwait(false)],
                "scenarios-1" => [await ScenarioSetAsync(run, 1, cancellationToken).ConfigureAwait(false)],
                "scenarios-1000" => [await ScenarioSetAsync(run, 1000, cancellationToken).ConfigureAwait(false)],
                _ => throw new ArgumentException($"no run '{run}'", nameof(run)),
            };
        }
        catch (BenchException e)
        {
            return [RunResult.Failed(run, e.Message)];
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong is this run's failure; the next run still goes.
            return [RunResult.Failed(run, $"{e.GetType().Name}: {e.Message}")];
        }
    }

    /// <summary>
    /// Fills in each row's ratio to the floor over the same transport (when the floor ran and passed): CPU per
    /// event measured on the same machine in the same sitting, so the figure that compares across machines.
    /// </summary>
    public IReadOnlyList<RunResult> WithFloorRatios(IReadOnlyList<RunResult> rows)
    {
        var floors = rows.Where(r => r.Name.StartsWith("floor-", StringComparison.Ordinal) && r.Status == RunStatus.Passed && r.CpuMicrosPerEvent > 0)
            .ToDictionary(r => r.Name["floor-".Length..], r => r.CpuMicrosPerEvent!.Value, StringComparer.Ordinal);
        return rows.Select(r => r.CpuMicrosPerEvent is { } cpu && _via.TryGetValue(r.Name, out var via) && floors.TryGetValue(via, out var floor)
            ? r with { FloorRatio = cpu / floor }
            : r).ToList();
    }

    /// <summary>The floor: events of an unknown type, parsed and refused, over each transport in turn on one host (they touch no grain).</summary>
    private async Task<IReadOnlyList<RunResult>> FloorAsync(CancellationToken cancellationToken)
    {
        var feed = Feed("floor", f => Writer.Floor(f, Sizes.FloorEvents));
        await using var kafka = await KafkaMockChild.StartAsync(_settings.SiloDll, _settings.RepositoryRoot, KafkaMockChild.PartitionsFor(new FileInfo(feed.Path).Length), cancellationToken).ConfigureAwait(false);
        var (host, ready) = await StartHostAsync("floor", cancellationToken, kafka: kafka.BootstrapServers).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var rows = new List<RunResult>();
            var notes = string.Create(CultureInfo.InvariantCulture,
                $"{feed.Events:N0} events of type {CityFeedWriter.UnknownType} per transport, the first {WarmUp(feed.Events):N0} as a warm-up; one host for the three, in memory");
            var sends = 0;
            foreach (var via in new[] { "http", "mqtt", "kafka" })
            {
                var name = $"floor-{via}";
                _via[name] = via;
                sends++;
                var warmUp = WarmUp(feed.Events);
                var warm = await _measurer.MeasureAsync(host, feed, via, 0, warmUp, 0, kafka.BootstrapServers, Timeout, cancellationToken).ConfigureAwait(false);
                var measured = warm.Failure is null ? await _measurer.MeasureAsync(host, feed, via, warmUp, feed.Events, 0, kafka.BootstrapServers, Timeout, cancellationToken).ConfigureAwait(false) : warm;
                if (measured.Failure is not null || (via == "http" && measured.Rejected != measured.Events))
                {
                    rows.Add(RunResult.Failed(name, measured.Failure ?? $"{measured.Rejected} of {measured.Events} refused", notes, ready));
                    continue;
                }

                rows.Add(Row(name, measured, host, ready, notes));
            }

            var truth = FeedTruth.Read(Enumerable.Repeat((feed, feed.Events), sends), builtInsLive: true);
            var check = await new FeedCheck(new PlatformApi(_http, host.BaseUri), _http, host.BaseUri).RunAsync(truth, 0, Timeout, cancellationToken).ConfigureAwait(false);
            return rows.Select(r => r.Status == RunStatus.Passed ? WithCheck(r, check) : r).ToList();
        }
    }

    /// <summary>One feed over one transport against a fresh host with the city's built-in scenarios, then its check.</summary>
    private async Task<RunResult> FeedRunAsync(string name, string via, FeedFile feed, int events, CancellationToken cancellationToken, double rate = 0)
    {
        _via[name] = via;
        events = Math.Min(events, feed.Events);
        KafkaMockChild? kafka = null;
        try
        {
            if (via == "kafka") kafka = await KafkaMockChild.StartAsync(_settings.SiloDll, _settings.RepositoryRoot, KafkaMockChild.PartitionsFor(FeedBytes(feed, events)), cancellationToken).ConfigureAwait(false);
            var notes = Notes(via, feed, events, rate, kafka is null ? null : "Kafka mock", "in memory", "built-in scenarios but silence");
            var (host, ready) = await StartHostAsync(name, cancellationToken, kafka: kafka?.BootstrapServers).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                return await MeasureAndCheckAsync(name, host, ready, via, feed, events, rate, kafka?.BootstrapServers, builtInsLive: true, notes, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (kafka is not null) await kafka.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// With <paramref name="warm"/>, the first events (<see cref="WarmUp"/>) go in before the window opens, as fast as
    /// the host takes them, so the figures are of a host whose code is compiled (a fresh process runs its first calls
    /// unoptimised); the check covers them too.
    /// </summary>
    private async Task<RunResult> MeasureAndCheckAsync(
        string name, SuiteHost host, double ready, string via, FeedFile feed, int events, double rate, string? kafka, bool builtInsLive, string notes,
        CancellationToken cancellationToken, bool warm = true)
    {
        if (warm) notes += string.Create(CultureInfo.InvariantCulture, $"; the first {WarmUp(events):N0} of {events:N0} events as a warm-up");
        var warmUp = warm ? WarmUp(events) : 0;
        var measured = warmUp > 0 ? await _measurer.MeasureAsync(host, feed, via, 0, warmUp, 0, kafka, Timeout, cancellationToken).ConfigureAwait(false) : null;
        if (measured is null || (measured.Failure is null && measured.Rejected == 0))
        {
            measured = await _measurer.MeasureAsync(host, feed, via, warmUp, events, rate, kafka, Timeout, cancellationToken).ConfigureAwait(false);
        }

        if (measured.Failure is { } failure) return RunResult.Failed(name, failure, notes, ready, Rss(host));
        if (measured.Rejected > 0) return RunResult.Failed(name, $"{measured.Rejected} events refused or not taken (e.g. {string.Join(", ", measured.RejectedExamples)})", notes, ready, Rss(host));
        var row = Row(name, measured, host, ready, notes);
        var truth = FeedTruth.Read([(feed, events)], builtInsLive);
        var check = await new FeedCheck(new PlatformApi(_http, host.BaseUri), _http, host.BaseUri).RunAsync(truth, Sizes.PointSample, Timeout, cancellationToken).ConfigureAwait(false);
        return WithCheck(row, check);
    }

    /// <summary>
    /// Attach storms: one host, one storm incident per level, each seen by a site's 100 cameras. Every storm is first
    /// loaded up to its level (the first detection opens it), then each gets the same fixed batch, measured alone: the
    /// CPU per attached event with the incident already holding 1, 1,000, … pieces of evidence.
    /// </summary>
    private async Task<IReadOnlyList<RunResult>> AttachAsync(CancellationToken cancellationToken)
    {
        var levels = Sizes.AttachLevels;
        var sites = Layout.StormSites;
        if (levels.Count > sites.Count) throw new BenchException($"{levels.Count} attach levels and {sites.Count} storm sites");
        var (host, ready) = await StartHostAsync("attach", cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var sent = new Dictionary<int, long>();
            for (var i = 0; i < levels.Count; i++)
            {
                var preload = Feed($"storm-{i}-preload", f => Writer.Storm(f, sites[i], happening: i, firstNumber: 0, levels[i]));
                Log($"preloading storm {i}: {levels[i]:N0} detections from {sites[i].Cameras.Count} cameras");
                var loaded = await _measurer.MeasureAsync(host, preload, "http", 0, preload.Events, 0, null, Timeout, cancellationToken).ConfigureAwait(false);
                if (loaded.Failure is not null || loaded.Rejected > 0) throw new BenchException($"preloading storm {i} to {levels[i]:N0}: {loaded.Failure ?? $"{loaded.Rejected} refused"}");
                sent[i] = preload.Events;
            }

            var rows = new List<RunResult>();
            for (var i = 0; i < levels.Count; i++)
            {
                var name = "attach-" + Short(levels[i]);
                _via[name] = "http";
                var batch = Feed($"storm-{i}-batch", f => Writer.Storm(f, sites[i], happening: i, firstNumber: levels[i], Sizes.AttachBatch));
                var notes = string.Create(CultureInfo.InvariantCulture,
                    $"via http: {batch.Events:N0} detections from {sites[i].Cameras.Count} cameras onto one incident already holding {levels[i]:N0}; in memory, built-in scenarios but silence");
                var measured = await _measurer.MeasureAsync(host, batch, "http", 0, batch.Events, 0, null, Timeout, cancellationToken).ConfigureAwait(false);
                sent[i] += batch.Events;
                rows.Add(measured.Failure is not null || measured.Rejected > 0
                    ? RunResult.Failed(name, measured.Failure ?? $"{measured.Rejected} refused", notes, ready)
                    : Row(name, measured, host, ready, notes));
            }

            var check = await new FeedCheck(new PlatformApi(_http, host.BaseUri), _http, host.BaseUri).StormsAsync(sent, Timeout, cancellationToken).ConfigureAwait(false);
            return rows.Select(r => r.Status == RunStatus.Passed ? WithCheck(r, check) : r).ToList();
        }
    }

    /// <summary>The mixed feed over HTTP with PostgreSQL storage, on a database of its own.</summary>
    private async Task<RunResult> PostgresAsync(CancellationToken cancellationToken)
    {
        const string name = "mixed-postgres";
        _via[name] = "http";
        SuitePostgres server;
        if (_settings.Postgres is { } given)
        {
            server = await SuitePostgres.ConnectAsync(given, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var (started, reason) = await SuitePostgres.StartThrowawayAsync(cancellationToken).ConfigureAwait(false);
            if (started is null) return RunResult.Skipped(name, reason!);
            server = started;
        }

        await using (server.ConfigureAwait(false))
        {
            var feed = MixedFeed();
            var events = Math.Min(Sizes.PostgresEvents, feed.Events);
            var database = await server.CreateDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
            try
            {
                var notes = Notes("http", feed, events, 0, null, server.Description, "built-in scenarios but silence");
                var (host, ready) = await StartHostAsync(name, cancellationToken, postgres: database).ConfigureAwait(false);
                await using (host.ConfigureAwait(false))
                {
                    return await MeasureAndCheckAsync(name, host, ready, "http", feed, events, 0, null, builtInsLive: true, notes, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                await server.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The city's start: from launching the process until its first event is taken (one reading posted again and
    /// again until the answer says taken), then one reading from every registered point; the memory is the peak.
    /// </summary>
    private async Task<RunResult> StartAsync(CancellationToken cancellationToken)
    {
        var name = $"start-{Short(Sizes.Points)}";
        _via[name] = "http";
        var feed = Feed("start", Writer.Start);
        var notes = string.Create(CultureInfo.InvariantCulture,
            $"via http: one reading from each of the {Layout.Points.Count:N0} points; start s is launch to the first event taken; in memory, built-in scenarios but silence");
        var host = SuiteHost.Launch(Spec(name));
        await using (host.ConfigureAwait(false))
        {
            var first = FeedReader.Read(feed.Path, 1).Single();
            var startSeconds = await FirstTakenAsync(host, first, cancellationToken).ConfigureAwait(false);
            await host.WaitUntilReadyAsync(_http, Timeout, _cityScenarioCount, cancellationToken).ConfigureAwait(false);
            var result = await MeasureAndCheckAsync(name, host, startSeconds, "http", feed, feed.Events, 0, null, builtInsLive: true, notes, cancellationToken, warm: false).ConfigureAwait(false);
            return result with { StartSeconds = startSeconds };
        }
    }

    /// <summary>Seconds from launch until a post of <paramref name="probe"/> is answered taken.</summary>
    private async Task<double> FirstTakenAsync(SuiteHost host, ReplayEvent probe, CancellationToken cancellationToken)
    {
        var uri = new Uri(host.BaseUri, "api/events");
        while (host.SinceLaunch < Timeout)
        {
            if (host.HasExited) throw new BenchException($"the host ended while starting:\n{host.Tail}");
            try
            {
                using var content = new ByteArrayContent(probe.Payload);
                content.Headers.ContentType = new("application/json");
                using var response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return host.SinceLaunch.TotalSeconds;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        throw new BenchException($"no event was taken within {Timeout.TotalSeconds:0} s of the launch:\n{host.Tail}");
    }

    /// <summary>
    /// The mixed feed over HTTP with <paramref name="count"/> scenarios from scenario-set instead of the built-ins:
    /// 1 watches the feed's five detection categories city-wide; 1,000 are 20 per topic over 50 topics (the five and 45
    /// the feed never sends), each scoped to one of Chengdu's 20 districts, so every detection is a candidate of exactly
    /// one scenario either way and both do the same firings: only the catalog differs.
    /// </summary>
    private async Task<RunResult> ScenarioSetAsync(string name, int count, CancellationToken cancellationToken)
    {
        _via[name] = "http";
        var folder = Path.Combine(_work, $"scenarios-set-{count}");
        if (!Directory.Exists(folder))
        {
            var topics = count == 1
                ? CityFeedWriter.DetectionCategories
                : [.. CityFeedWriter.DetectionCategories, .. Enumerable.Range(1, PaddingTopics).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench_topic_{i:D2}"))];
            ScenarioSetWriter.Write(Layout.Pack, count, topics, folder);
        }

        var feed = MixedFeed();
        var events = Math.Min(Sizes.MixedEvents, feed.Events);
        var notes = Notes("http", feed, events, 0, null, "in memory", $"{count} scenario-set scenarios instead of the built-ins");
        var (host, ready) = await StartHostAsync(name, cancellationToken, scenarioFolder: folder, scenarios: count).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            return await MeasureAndCheckAsync(name, host, ready, "http", feed, events, 0, null, builtInsLive: false, notes, cancellationToken).ConfigureAwait(false);
        }
    }

    private FeedFile MixedFeed() => Feed("mixed", f => Writer.Write(f, FeedMix.City, Math.Max(Sizes.MixedEvents, Math.Max(Sizes.PostgresEvents, Sizes.LatencyEvents)), salt: 3));

    /// <summary>A feed written once per suite and reused by every run that sends it.</summary>
    private FeedFile Feed(string name, Func<string, FeedFile> write)
    {
        if (_feeds.TryGetValue(name, out var feed)) return feed;
        var folder = Path.Combine(_work, "feeds");
        Directory.CreateDirectory(folder);
        feed = write(Path.Combine(folder, name + ".ndjson"));
        Log(string.Create(CultureInfo.InvariantCulture,
            $"feed {name}: {feed.Events:N0} events ({feed.Readings:N0} readings, {feed.Crossings:N0} crossing, {feed.Detections:N0} detections, {feed.Reports:N0} reports of {feed.Happenings:N0} happenings, {feed.Unknown:N0} unknown)"));
        _feeds[name] = feed;
        return feed;
    }

    private async Task<(SuiteHost Host, double ReadySeconds)> StartHostAsync(
        string run, CancellationToken cancellationToken, string? kafka = null, string? postgres = null, string? scenarioFolder = null, int? scenarios = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = SuiteHost.Launch(Spec(run, kafka, postgres, scenarioFolder));
            try
            {
                await host.WaitUntilReadyAsync(_http, Timeout, scenarios ?? _cityScenarioCount, cancellationToken).ConfigureAwait(false);
                var ready = host.SinceLaunch.TotalSeconds;
                Log(string.Create(CultureInfo.InvariantCulture, $"host of {run} ready after {ready:0.0} s (pid {host.ProcessId}, {host.BaseUri})"));
                return (host, ready);
            }
            catch (BenchException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A free port was taken by someone else between choosing and binding it: start again on others.
                await host.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await host.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private HostSpec Spec(string run, string? kafka = null, string? postgres = null, string? scenarioFolder = null)
    {
        var folder = Path.Combine(_work, "runs", run);
        Directory.CreateDirectory(folder);
        return new HostSpec(_settings.SiloDll, _settings.RepositoryRoot, _pack ?? throw new InvalidOperationException("the pack is not prepared"),
            scenarioFolder ?? Path.Combine(_work, CityScenarios), Path.Combine(folder, "host.log"), kafka, postgres);
    }

    private static RunResult Row(string name, Measured m, SuiteHost host, double ready, string notes)
    {
        // Not a failure: a stream may coalesce changes, so not every event is the cause of one; but it is worth saying.
        if (m.ExpectedSightings > 0 && m.Sightings < m.ExpectedSightings)
        {
            notes += string.Create(CultureInfo.InvariantCulture, $"; live stream: {m.Sightings:N0} of {m.ExpectedSightings:N0} detections and reports seen as the cause of a change");
        }

        if (m.LiveMissed > 0) notes += string.Create(CultureInfo.InvariantCulture, $"; live stream: {m.LiveMissed:N0} changes missed (gap events)");
        return new(name, RunStatus.Passed, m.Events, m.EventsPerSecond, m.CpuMicrosPerEvent, null, m.Latency?.P50, m.Latency?.P99, Rss(host), ready, null, notes);
    }

    private static RunResult WithCheck(RunResult row, CheckOutcome check) =>
        check.Passed ? row with { Check = "passed: " + check.Text } : row with { Status = RunStatus.Failed, Check = "FAILED: " + check.Text };

    private static double? Rss(SuiteHost host)
    {
        try
        {
            return host.PeakResidentBytes() / (1024.0 * 1024.0);
        }
        catch (BenchException)
        {
            return null;
        }
    }

    private static string Notes(string via, FeedFile feed, int events, double rate, string? broker, string storage, string scenarios)
    {
        var share = (double)events / feed.Events;
        return string.Create(CultureInfo.InvariantCulture,
            $"via {via}{(broker is null ? "" : $" ({broker})")}{(rate > 0 ? $" at {rate:N0} events/s" : "")}; {storage}; {scenarios}; {Describe(feed, share)}");
    }

    private static string Describe(FeedFile feed, double share) => feed switch
    {
        { Detections: 0, Reports: 0 } => string.Create(CultureInfo.InvariantCulture, $"readings of {SensorMetrics.All.Count} metrics"),
        { Readings: 0, Reports: 0 } => "detections, each its own happening",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{100.0 * feed.Readings / feed.Events:0}% readings ({100.0 * feed.Crossings / Math.Max(1, feed.Readings):0.0}% crossing), {100.0 * feed.Detections / feed.Events:0}% detections, {100.0 * feed.Reports / feed.Events:0}% reports, about {feed.Happenings * share:N0} happenings"),
    };

    /// <summary>The feed's size up to <paramref name="events"/> lines, for the Kafka partitions it needs.</summary>
    private static long FeedBytes(FeedFile feed, int events) => (long)(new FileInfo(feed.Path).Length * ((double)events / feed.Events));

    /// <summary>Events sent before a measured window: a tenth of the feed, at most 5,000.</summary>
    private static int WarmUp(int events) => Math.Min(events / 10, 5_000);

    /// <summary>1, 1k, 100k, 160k.</summary>
    private static string Short(int n) => n >= 1000 && n % 1000 == 0 ? $"{n / 1000}k" : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The built-in scenarios but the silence ones: those activate every registered point at every start (the start run's subject), which each run would pay.</summary>
    private static int WriteCityScenarios(string from, string to)
    {
        Directory.CreateDirectory(to);
        var count = 0;
        foreach (var file in Directory.GetFiles(from, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            using (var document = JsonDocument.Parse(File.ReadAllBytes(file)))
            {
                if (document.RootElement.Property("when") is { } when && when.Property("silence") is not null) continue;
            }

            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            count++;
        }

        return count;
    }

    private static void Log(string message) => Console.Error.WriteLine($"suite: {message}");
}
