using System.Runtime.InteropServices;

namespace CityBrain.EndToEndTests;

/// <summary>Signals to a child process, as a supervisor sends them (.NET's Process has only SIGKILL).</summary>
public static class PosixSignal
{
    private const int SigTerm = 15;

    /// <summary>SIGTERM: ask the process to shut down gracefully.</summary>
    public static void Terminate(int processId)
    {
        if (SendSignal(processId, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {processId} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
