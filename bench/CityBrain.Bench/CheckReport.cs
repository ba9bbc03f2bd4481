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

    /// <summary>One line per failed criterion, naming it with its measured value and its threshold; nothing when all passed.</summary>
    public static IReadOnlyList<string> Failures(string command, IEnumerable<CheckCriterion> criteria) =>
        criteria.Where(c => !c.Passed).Select(c => $"{command}: FAILED {c.Name}: {c.Measured} (required: {c.Required})").ToList();

    /// <summary>Print the failed criteria and give the exit code: success only when every criterion passed.</summary>
    public static int Judge(string command, IReadOnlyList<CheckCriterion> criteria)
    {
        var failures = Failures(command, criteria);
        foreach (var line in failures) Console.WriteLine(line);
        if (failures.Count == 0) Console.WriteLine($"{command}: passed ({criteria.Count} criteria)");
        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
