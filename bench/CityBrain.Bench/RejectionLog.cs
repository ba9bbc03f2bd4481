namespace CityBrain.Bench;

/// <summary>Prints the first rejections in full and only counts the rest, so a misconfigured run cannot flood the terminal.</summary>
public sealed class RejectionLog
{
    private const int MaxPrinted = 10;
    private int _printed;

    public void Report(string message)
    {
        var n = Interlocked.Increment(ref _printed);
        if (n <= MaxPrinted)
        {
            Console.Error.WriteLine($"rejected: {message}");
        }
        else if (n == MaxPrinted + 1)
        {
            Console.Error.WriteLine($"rejected: further rejection messages suppressed; see the summary for counts");
        }
    }
}
