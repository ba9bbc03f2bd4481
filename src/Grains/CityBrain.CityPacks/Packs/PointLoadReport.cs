using System.Globalization;
using System.Text;

namespace CityBrain.Packs;

/// <summary>
/// What loading a pack's point files gave: per file the entries read, loaded and skipped, the skipped entries by
/// fault, and the first <see cref="MaxListed"/> skipped entries themselves (the counts cover all of them).
/// Read-only once the pack is loaded.
/// </summary>
public sealed class PointLoadReport
{
    /// <summary>Skipped entries kept for the log and the API; the counts go on past it.</summary>
    public const int MaxListed = 1000;

    public static readonly PointLoadReport Empty = new(CityPackOptions.DefaultMaxBadPointShare, [], new Dictionary<PointFault, int>(), []);

    public PointLoadReport(double maxBadShare, IReadOnlyList<PointFileReport> files, IReadOnlyDictionary<PointFault, int> badByFault, IReadOnlyList<BadPointEntry> badEntries)
    {
        MaxBadShare = maxBadShare;
        Files = files;
        BadByFault = badByFault;
        BadEntries = badEntries;
    }

    /// <summary>The share of bad entries (0 to 1) above which a file stopped the load.</summary>
    public double MaxBadShare { get; }

    public IReadOnlyList<PointFileReport> Files { get; }

    public int Entries => Files.Sum(f => f.Entries);

    public int Loaded => Files.Sum(f => f.Loaded);

    public int Bad => Files.Sum(f => f.Bad);

    /// <summary>Skipped entries per fault, over all files; faults that did not occur are absent.</summary>
    public IReadOnlyDictionary<PointFault, int> BadByFault { get; }

    /// <summary>The first <see cref="MaxListed"/> skipped entries, in file order.</summary>
    public IReadOnlyList<BadPointEntry> BadEntries { get; }

    /// <summary>One paragraph for the log: counts per file and fault, then the first <paramref name="first"/> skipped entries.</summary>
    public string Summary(int first = 10)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"points: {Loaded} of {Entries} entries loaded, {Bad} skipped");
        foreach (var file in Files) text.Append(CultureInfo.InvariantCulture, $"; {file.File}: {file.Loaded} of {file.Entries}");
        if (Bad == 0) return text.ToString();
        text.Append("; by fault: ").AppendJoin(", ", BadByFault.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"));
        foreach (var entry in BadEntries.Take(first)) text.Append("\n  ").Append(entry);
        if (Bad > first) text.Append(CultureInfo.InvariantCulture, $"\n  … and {Bad - Math.Min(first, BadEntries.Count)} more (GET /api/pack lists them)");
        return text.ToString();
    }
}
