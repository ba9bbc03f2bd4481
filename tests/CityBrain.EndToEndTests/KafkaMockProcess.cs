using System.Diagnostics;

namespace CityBrain.EndToEndTests;

/// <summary>
/// The repository's Kafka-protocol broker for tests (<c>CityBrain.Silo kafka mock</c>, librdkafka's mock
/// cluster) as its own process, so the hosts under test can be killed while it keeps the topics and offsets.
/// </summary>
public sealed class KafkaMockProcess : IAsyncDisposable
{
    private readonly Process _process;

    private KafkaMockProcess(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static async Task<KafkaMockProcess> StartAsync(params string[] topics)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { HostProcess.BuiltDll(Path.Combine("src", "Silo"), "CityBrain.Silo.dll"), "kafka", "mock", "--topics", string.Join(',', topics) }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("bootstrap: ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"kafka mock did not start: {line}\n{await process.StandardError.ReadToEndAsync()}");
        }

        return new KafkaMockProcess(process, line["bootstrap: ".Length..]);
    }

    /// <summary>Runs kcat (Debian package, installed by the test command) against this broker; returns its output.</summary>
    public Task<string> KcatAsync(params string[] args) =>
        DebianTool.RunAsync("kcat", "kcat", ["-b", BootstrapServers, .. args], TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
