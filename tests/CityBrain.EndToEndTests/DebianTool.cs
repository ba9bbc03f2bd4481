using System.ComponentModel;
using System.Diagnostics;

namespace CityBrain.EndToEndTests;

/// <summary>A command-line tool from a Debian package that the test command installs, run as a user would.</summary>
public static class DebianTool
{
    /// <summary>Runs <paramref name="command"/>; a non-zero exit fails with its error output. Returns standard output.</summary>
    public static async Task<string> RunAsync(string command, string package, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{command} is not installed; the test command (scripts/test.sh) installs Debian package {package}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
            return await stdout;
        }
    }
}
