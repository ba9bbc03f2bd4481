namespace CityBrain.Bench;

/// <summary>Output shared by the check commands.</summary>
public static class CheckReport
{
    public const int ExamplesShown = 10;

    /// <summary>The first few of a list of problems under a title; nothing when there are none.</summary>
    public static void PrintExamples(string title, IEnumerable<string> examples)
    {
        var list = examples.Take(ExamplesShown + 1).ToList();
        if (list.Count == 0) return;
        Console.WriteLine($"{title} (first {Math.Min(list.Count, ExamplesShown)}):");
        foreach (var example in list.Take(ExamplesShown)) Console.WriteLine($"  {example}");
    }
}
