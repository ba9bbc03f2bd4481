namespace CityBrain.Bench;

public static class CommandLineText
{
    /// <summary>A POSIX-shell command that re-runs the bench with the same arguments.</summary>
    public static string Reproduce(IEnumerable<string> args) =>
        "dotnet run --project bench/CityBrain.Bench --" + string.Concat(args.Select(a => " " + Quote(a)));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+%".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
