namespace CityBrain.Bench;

/// <summary>A failure with a message meant for the operator, printed without a stack trace.</summary>
public sealed class BenchException : Exception
{
    public BenchException(string message) : base(message) { }

    public BenchException(string message, Exception inner) : base(message, inner) { }

    public BenchException(string message, int exitCode, Exception? inner = null) : base(message, inner) => ExitCode = exitCode;

    /// <summary>What the process exits with (<see cref="ExitCodes"/>): a script can tell a missing server from a failed check.</summary>
    public int ExitCode { get; } = ExitCodes.Failure;
}
