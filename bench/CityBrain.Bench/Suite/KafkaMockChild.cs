using System.Diagnostics;

namespace CityBrain.Bench.Suite;

/// <summary>
/// The repository's Kafka-protocol broker (<c>CityBrain.Silo kafka mock</c>, librdkafka's mock cluster) in its own
/// process, as docs/benchmarks.md runs it: its CPU is not the host's. Disposing stops it.
/// </summary>
public sealed class KafkaMockChild : IAsyncDisposable
{
    /// <summary>The topic the suite produces to and the host consumes (the host's default <c>Kafka:Topics</c>).</summary>
    public const string EventsTopic = "city.events";

    private readonly Process _process;

    private KafkaMockChild(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <param name="eventPartitions">
    /// Partitions of <see cref="EventsTopic"/>: the mock keeps at most 5 MB per partition and drops the oldest beyond
    /// that, so a feed needs its size in bytes over about 4 MB of them.
    /// </param>
    public static async Task<KafkaMockChild> StartAsync(string siloDll, string workingDirectory, int eventPartitions, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in new[] { siloDll, "kafka", "mock", "--topics", $"{EventsTopic}:{eventPartitions},citybrain.incidents:4,citybrain.dead-letters:2" }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new BenchException("could not start dotnet for the Kafka mock cluster");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            line = null;
        }

        if (line is null || !line.StartsWith("bootstrap: ", StringComparison.Ordinal))
        {
            if (!process.HasExited) process.Kill();
            var error = await process.StandardError.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
            process.Dispose();
            throw new BenchException($"the Kafka mock cluster did not start: {line} {error}".Trim());
        }

        // Nothing more is read from it; its output must still not fill the pipe and block it.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        return new KafkaMockChild(process, line["bootstrap: ".Length..].Trim());
    }

    /// <summary>Partitions a feed of <paramref name="bytes"/> needs so the mock's 5 MB per partition keeps all of it.</summary>
    public static int PartitionsFor(long bytes) => (int)Math.Clamp(Math.Ceiling(bytes / (4.0 * 1024 * 1024)), 8, 256);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
