using System.Diagnostics;

namespace CityBrain.EndToEndTests;

/// <summary>The built host started with settings it must refuse: it is run until it ends by itself.</summary>
public static class RefusedStart
{
    /// <summary>Start the built host with <paramref name="args"/> (free ports, demo feed off) and wait for it to end; fails if it runs on past 60 s.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostProcess.BuiltDll(Path.Combine("src", "Silo"), "CityBrain.Silo.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add($"--Http:Url=http://127.0.0.1:{HostProcess.FreePort()}");
        info.ArgumentList.Add($"--Mqtt:Port={HostProcess.FreePort()}");
        info.ArgumentList.Add($"--Orleans:SiloPort={HostProcess.FreePort()}");
        info.ArgumentList.Add($"--Orleans:GatewayPort={HostProcess.FreePort()}");
        info.ArgumentList.Add("--Demo:Enabled=false");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"phase 'refused start': the host did not exit within 60 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
