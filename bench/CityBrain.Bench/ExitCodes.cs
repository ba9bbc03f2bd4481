namespace CityBrain.Bench;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A check did not pass, or the run failed in a way not listed below.</summary>
    public const int Failure = 1;

    public const int Usage = 2;

    /// <summary>PostgreSQL could not be reached or queried (check-sla).</summary>
    public const int Database = 3;

    /// <summary>The process to measure does not exist or ended, or there is no /proc (cpu; Linux only).</summary>
    public const int NoSuchProcess = 4;

    /// <summary>128 + SIGINT, the shell convention for a run stopped with Ctrl+C.</summary>
    public const int Interrupted = 130;
}
