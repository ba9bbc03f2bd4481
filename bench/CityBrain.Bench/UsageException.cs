namespace CityBrain.Bench;

/// <summary>Bad command-line input; the program prints the message and the usage text, then exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);
