namespace CityBrain.Bench;

/// <summary>A failure with a message meant for the operator, printed without a stack trace.</summary>
public sealed class BenchException : Exception
{
    public BenchException(string message) : base(message) { }

    public BenchException(string message, Exception inner) : base(message, inner) { }
}
