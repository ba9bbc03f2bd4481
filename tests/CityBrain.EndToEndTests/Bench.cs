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
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // The bench's own children (hosts, a Kafka mock) go with it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"bench {string.Join(' ', args)} did not end within {timeout}:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The NYC 311 day the replay tests use.</summary>
    public static readonly string Nyc311Csv = RepoPaths.TestData("nyc311_2013-12-25_fullday.csv");

    /// <summary>The NYC 311 day converted to CloudEvents NDJSON by the bench tool, in a fresh temporary folder.</summary>
    public static async Task<string> ConvertNyc311Async()
    {
        var ndjson = Path.Combine(Directory.CreateTempSubdirectory("citybrain-311-").FullName, "nyc311.ndjson");
        await MustRunAsync("convert", "convert-311", "--input", Nyc311Csv, "--output", ndjson);
        return ndjson;
    }

    /// <summary>A synthetic feed for the NYC pack made by the bench tool's <c>generate</c>, in a fresh temporary folder.</summary>
    public static Task<string> GenerateSyntheticAsync(int events, int malformed) => GenerateSyntheticAsync("nyc", events, malformed, seed: 7);

    /// <summary>A synthetic feed for <paramref name="pack"/> made by the bench tool's <c>generate</c>, in a fresh temporary folder.</summary>
    public static async Task<string> GenerateSyntheticAsync(string pack, int events, int malformed, int seed)
    {
        var ndjson = Path.Combine(Directory.CreateTempSubdirectory("citybrain-synthetic-").FullName, "synthetic.ndjson");
        await MustRunAsync("generate", "generate", "--pack", RepoPaths.Pack(pack), "--events", events.ToString(), "--malformed", malformed.ToString(), "--seed", seed.ToString(), "--output", ndjson);
        return ndjson;
    }

    /// <summary>Runs a bench command that must succeed; the failure message names the phase.</summary>
    public static async Task<string> MustRunAsync(string phase, params string[] args)
    {
        var (exit, output) = await RunAsync(TimeSpan.FromMinutes(5), args);
        Assert.True(exit == 0, $"phase '{phase}': bench exited {exit}:\n{output}");
        return output;
    }
}
