using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CityBrain.Bench.Suite;

/// <summary>
/// One CityBrain host for one run: a child process of the built Silo on free loopback ports, demo feed off, log level
/// Warning (but for the lines that say ingest and the live feed are subscribed, which readiness waits for), its output
/// in a log file. Disposing kills it.
/// </summary>
public sealed class SuiteHost : IAsyncDisposable
{
    private const int TailLines = 30;
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceLaunch;
    private bool _mqttSubscribed;
    private bool _liveSubscribed;
    private bool _kafkaAssigned;
    private bool _disposed;

    private SuiteHost(Process process, StreamWriter log, Stopwatch sinceLaunch, int httpPort, int mqttPort, bool kafka)
    {
        _process = process;
        _log = log;
        _sinceLaunch = sinceLaunch;
        BaseUri = new Uri($"http://127.0.0.1:{httpPort}/");
        MqttPort = mqttPort;
        _kafkaAssigned = !kafka;
    }

    public Uri BaseUri { get; }

    public int MqttPort { get; }

    public int ProcessId => _process.Id;

    /// <summary>Time since the process was launched.</summary>
    public TimeSpan SinceLaunch => _sinceLaunch.Elapsed;

    /// <summary>The host's last lines of output, for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (_gate) return string.Join('\n', _tail);
        }
    }

    /// <summary>Launch the host; it is not ready yet (<see cref="WaitUntilReadyAsync"/>).</summary>
    public static SuiteHost Launch(HostSpec spec)
    {
        var httpPort = FreePort();
        var mqttPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        string[] args =
        [
            spec.SiloDll,
            $"--Pack={spec.Pack}",
            "--Demo:Enabled=false",
            $"--Http:Url=http://127.0.0.1:{httpPort}",
            $"--Mqtt:Port={mqttPort}",
            $"--Mqtt:ClientId=citybrain-suite-{Guid.NewGuid():N}",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            // Start-up lines only: readiness waits for them.
            "--Logging:LogLevel:CityBrain.Ingest.Mqtt.MqttIngestService=Information",
            "--Logging:LogLevel:CityBrain.Ingest.Kafka.KafkaIngestService=Information",
            "--Logging:LogLevel:CityBrain.Api.Live=Information",
            $"--Scenarios:BuiltInFolder={spec.ScenarioFolder}",
            "--Scenarios:EnableBuiltIns=true",
        ];
        foreach (var a in args) info.ArgumentList.Add(a);
        if (spec.KafkaBootstrap is { } kafka)
        {
            info.ArgumentList.Add("--Kafka:Enabled=true");
            info.ArgumentList.Add($"--Kafka:BootstrapServers={kafka}");
        }

        if (spec.PostgresConnection is { } postgres)
        {
            info.ArgumentList.Add("--Storage:Provider=PostgreSql");
            info.ArgumentList.Add($"--Storage:ConnectionString={postgres}");
        }

        var log = new StreamWriter(spec.LogPath, append: false) { AutoFlush = true };
        log.WriteLine("dotnet " + string.Join(' ', info.ArgumentList.Skip(0)));
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new BenchException("could not start dotnet for the host");
        var host = new SuiteHost(process, log, clock, httpPort, mqttPort, spec.KafkaBootstrap is not null);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            if (_disposed) return;
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
            _mqttSubscribed |= line.Contains("Subscribed to MQTT", StringComparison.Ordinal);
            _liveSubscribed |= line.Contains("Live incident feed subscribed", StringComparison.Ordinal);
            _kafkaAssigned |= line.Contains("Kafka partitions assigned", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Ready: the API answers, the MQTT subscriber and the live incident feed are subscribed, with Kafka the consumer
    /// has its partitions, and the scenario catalog holds the <paramref name="scenarios"/> enabled at start (an
    /// event taken before would not be evaluated by them). Throws a <see cref="BenchException"/> with the host's last
    /// lines otherwise.
    /// </summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, int scenarios, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var health = new Uri(BaseUri, "health");
        var catalog = new Uri(BaseUri, "api/scenarios/catalog");
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new BenchException($"the host exited with code {_process.ExitCode} while starting:\n{Tail}");
            bool subscribed;
            lock (_gate) subscribed = _mqttSubscribed && _liveSubscribed && _kafkaAssigned;
            if (subscribed)
            {
                try
                {
                    using var response = await http.GetAsync(health, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode && await EnabledScenariosAsync(http, catalog, cancellationToken).ConfigureAwait(false) >= scenarios) return;
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(ReadyPoll, cancellationToken).ConfigureAwait(false);
        }

        throw new BenchException($"the host was not ready within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    private static async Task<int> EnabledScenariosAsync(HttpClient http, Uri catalog, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(catalog, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) return -1;
        using var document = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.ArrayProperty("enabled").Count();
    }

    /// <summary>CPU time of the host, all threads, user and kernel, in clock ticks (<see cref="ProcStat.TicksPerSecond"/>).</summary>
    public long CpuTicks() => ProcStat.ParseProcess(ReadProc("stat"));

    /// <summary>The host's peak resident set size so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => ProcStatus.ParsePeakResidentBytes(ReadProc("status"));

    public bool HasExited => _process.HasExited;

    private string ReadProc(string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{_process.Id}/{file}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            throw new BenchException($"the host (process {_process.Id}) has ended:\n{Tail}", e);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }

        try
        {
            if (!_process.HasExited)
            {
                // Nothing of a benchmark host is worth a graceful stop: its state is thrown away.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
    }
}
