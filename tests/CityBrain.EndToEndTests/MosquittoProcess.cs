using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CityBrain.EndToEndTests;

/// <summary>
/// A mosquitto broker of the test's own, as a child process on a free loopback port, with the settings the docs
/// give users (deploy/mosquitto/citybrain.conf, as scripts/test.sh uses) plus persistence in a temporary folder:
/// mosquitto writes its sessions and queued messages there when it stops gracefully, so a restart on the same
/// port and folder gives back every message it had acknowledged to a publisher and not yet delivered. Its own
/// broker also keeps other tests' subscribers away from the test's messages. Disposing kills it and deletes the folder.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private MosquittoProcess(DirectoryInfo folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string ConfigFile => Path.Combine(_folder.FullName, "mosquitto.conf");

    /// <summary>What the broker wrote to its console, over every start.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<MosquittoProcess> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("citybrain-mosquitto-");
        var broker = new MosquittoProcess(folder, HostProcess.FreePort());
        // Run as root, mosquitto switches to its own user, which could not write the folder; "user" names the
        // current one instead (a broker not started as root ignores it). stderr, unlike stdout, is not buffered.
        await File.WriteAllTextAsync(broker.ConfigFile, $"""
            listener {broker.Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {folder.FullName}/
            user {Environment.UserName}
            log_dest stderr

            """ + await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "mosquitto", "citybrain.conf")));
        try
        {
            await broker.LaunchAsync();
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>Start it again on the same port with the same configuration and persistence folder.</summary>
    public Task StartAgainAsync() =>
        _process is { HasExited: false } ? throw new InvalidOperationException("mosquitto is still running") : LaunchAsync();

    private async Task LaunchAsync()
    {
        var info = new ProcessStartInfo("mosquitto") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ConfigFile);
        _process?.Dispose();
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("could not start mosquitto");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("mosquitto is not installed; the test command (scripts/test.sh) installs Debian package mosquitto", e);
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode} while starting on port {Port}:\n{Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"phase 'broker start': mosquitto not listening on port {Port} within 30 s ({e.Message}):\n{Log}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>SIGTERM, as a supervisor stops the broker: mosquitto saves its state and exits. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("mosquitto was never started");
        PosixSignal.Terminate(process.Id);
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _folder.Delete(recursive: true);
    }
}
