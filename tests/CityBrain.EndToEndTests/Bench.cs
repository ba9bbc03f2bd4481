using System.Diagnostics;

namespace CityBrain.EndToEndTests;

/// <summary>Runs the bench tool (bench/CityBrain.Bench) as a user would.</summary>
public static class Bench
{
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(HostProcess.BuiltDll(Path.Combine("bench", "CityBrain.Bench"), "CityBrain.Bench.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs a bench command that must succeed; the failure message names the phase.</summary>
    public static async Task<string> MustRunAsync(string phase, params string[] args)
    {
        var (exit, output) = await RunAsync(TimeSpan.FromMinutes(5), args);
        Assert.True(exit == 0, $"phase '{phase}': bench exited {exit}:\n{output}");
        return output;
    }
}
