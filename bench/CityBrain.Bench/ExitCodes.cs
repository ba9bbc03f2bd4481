namespace CityBrain.Bench;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>128 + SIGINT, the shell convention for a run stopped with Ctrl+C.</summary>
    public const int Interrupted = 130;
}
