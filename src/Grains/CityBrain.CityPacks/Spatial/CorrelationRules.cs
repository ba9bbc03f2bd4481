using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Spatial;

/// <summary>Correlation rules per category with a default, and optionally for citizen reports. Immutable.</summary>
/// <param name="alwaysOpen">Categories whose detections always open incidents by themselves (fire): no scenario may take them over. Normalised with <see cref="CategoryKey"/>.</param>
public sealed class CorrelationRules(CorrelationRule defaultRule, IReadOnlyDictionary<string, CorrelationRule> byCategory, ReportRule? reports = null, IEnumerable<string>? alwaysOpen = null)
{
    public CorrelationRule Default { get; } = defaultRule;

    /// <summary>The pack's always-opening categories (<c>correlation.alwaysOpen</c>), in normal form; empty when it names none.</summary>
    public IReadOnlySet<string> AlwaysOpen { get; } = (alwaysOpen ?? []).Select(CategoryKey.Normalize).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>Null when the pack says nothing of reports: they correlate like any other observation.</summary>
    public ReportRule? Reports { get; } = reports;

    public CorrelationRule For(string category) => byCategory.GetValueOrDefault(category) ?? Default;

    public double LargestRadiusMeters { get; } = byCategory.Values.Select(r => r.RadiusMeters).Append(defaultRule.RadiusMeters).Append(reports?.RadiusMeters ?? 0).Max();

    public TimeSpan LongestWindow { get; } = byCategory.Values.Select(r => r.Window).Append(defaultRule.Window).Max();

    /// <summary>
    /// Whether two incidents of one category are one happening: within the radius of each other, and each one's
    /// evidence span within the window of the other's. Cells and the duplicate sweep decide by this one rule.
    /// </summary>
    public bool AreDuplicates(string category, GeoPoint a, DateTimeOffset aOpenedAt, DateTimeOffset aLastEvidenceAt, GeoPoint b, DateTimeOffset bOpenedAt, DateTimeOffset bLastEvidenceAt)
    {
        var rule = For(category);
        return SaturatingTime.Minus(aOpenedAt, rule.Window) <= bLastEvidenceAt && SaturatingTime.Minus(bOpenedAt, rule.Window) <= aLastEvidenceAt && a.DistanceMetersTo(b) <= rule.RadiusMeters;
    }

    /// <summary>Of two duplicates, the earlier opened survives (ties: the smaller id), whoever decides.</summary>
    public static bool Precedes(DateTimeOffset aOpenedAt, string aId, DateTimeOffset bOpenedAt, string bId) =>
        aOpenedAt < bOpenedAt || (aOpenedAt == bOpenedAt && string.CompareOrdinal(aId, bId) < 0);
}
