using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CityBrain.EndToEndTests;

/// <summary>
/// The real CityBrain host (src/Silo's build output) as a child process on free loopback ports, with the
/// demo feed off. Disposing kills it. Its console output is kept for failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private HostProcess(Process process, int httpPort, int mqttPort, IReadOnlyList<string> arguments)
    {
        _process = process;
        Arguments = arguments;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int HttpPort { get; }

    /// <summary>The host's process id (for /proc/&lt;pid&gt;/status and ss).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The command line it was started with (ports included), for a restart of the same node.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The MQTT port the host subscribes at (its embedded broker's, or the external broker's).</summary>
    public int MqttPort { get; }

    public HttpClient Http { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Start the host on <paramref name="pack"/>; with <paramref name="externalMqttPort"/>, against that broker
    /// instead of an embedded one. A free port can be taken by another process between choosing and binding it,
    /// so a start that loses that race is retried on fresh ports.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string pack, int? externalMqttPort = null, params string[] extraArgs)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(pack, externalMqttPort, extraArgs);
            }
            catch (HostStartException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private sealed class HostStartException(string message) : Exception(message);

    private static async Task<HostProcess> StartOnceAsync(string pack, int? externalMqttPort, string[] extraArgs)
    {
        var dll = FindHostDll();
        var httpPort = FreePort();
        var mqttPort = externalMqttPort ?? FreePort();
        var args = new List<string>
        {
            dll,
            $"--Http:Url=http://127.0.0.1:{httpPort}",
            $"--Pack={RepoPaths.Pack(pack)}",
            $"--Mqtt:Port={mqttPort}",
            $"--Mqtt:Embedded={(externalMqttPort is null ? "true" : "false")}",
            $"--Mqtt:ClientId=citybrain-e2e-{Guid.NewGuid():N}",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Demo:Enabled=false",
        };
        args.AddRange(extraArgs);
        return await LaunchAsync(args, httpPort, mqttPort);
    }

    /// <summary>Start the same node again, with the same ports and settings, as a supervisor restarts a crashed process.</summary>
    public static Task<HostProcess> RestartAsync(HostProcess previous) => LaunchAsync(previous.Arguments, previous.HttpPort, previous.MqttPort);

    private static async Task<HostProcess> LaunchAsync(IReadOnlyList<string> args, int httpPort, int mqttPort)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var host = new HostProcess(process, httpPort, mqttPort, args);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new HostStartException($"host exited with code {_process.ExitCode} while starting:\n{Log}");
            try
            {
                // Ready means the API answers and the ingest subscriber and live feed are in place.
                using var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode && Log.Contains("Subscribed to MQTT") && Log.Contains("Live incident feed subscribed")) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"phase 'host start': not ready within {timeout}:\n{Log}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindHostDll() => BuiltDll(Path.Combine("src", "Silo"), "CityBrain.Silo.dll");

    /// <summary>A project's build output of the same configuration as the tests.</summary>
    public static string BuiltDll(string projectFolder, string dllName)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, projectFolder, "bin", configuration, "net10.0", dllName);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the solution first: {dll} is missing", dll);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a supervisor stops a node: the host shuts down gracefully. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (SendSignal(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
