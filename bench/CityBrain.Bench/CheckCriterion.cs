using System.Globalization;

namespace CityBrain.Bench;

/// <summary>One pass-or-fail criterion of a check: what it is, whether it passed, what was measured and what was required.</summary>
public sealed record CheckCriterion(string Name, bool Passed, string Measured, string Required)
{
    /// <summary>A share in percent (0–100) that must be at least <paramref name="requiredPercent"/>; nothing measured fails.</summary>
    public static CheckCriterion AtLeastPercent(string name, double? measuredPercent, double requiredPercent) => new(
        name,
        measuredPercent is { } m && m >= requiredPercent,
        measuredPercent is { } value ? Percent(value) : "n/a (nothing to compare)",
        "at least " + Percent(requiredPercent));

    /// <summary>A count that must reach <paramref name="total"/>.</summary>
    public static CheckCriterion All(string name, long counted, long total) =>
        new(name, counted == total, FormattableString.Invariant($"{counted} of {total}"), FormattableString.Invariant($"all {total}"));

    private static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";
}
