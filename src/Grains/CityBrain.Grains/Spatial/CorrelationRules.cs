using CityBrain.Geo;

namespace CityBrain.Spatial;

/// <summary>
/// When two reports of one category are the same incident: within <paramref name="RadiusMeters"/> (inclusive)
/// and within <paramref name="Window"/> (inclusive) of the incident's evidence in time.
/// </summary>
public sealed record CorrelationRule(double RadiusMeters, TimeSpan Window);

/// <summary>Correlation rules per category with a default. Immutable.</summary>
public sealed class CorrelationRules(CorrelationRule defaultRule, IReadOnlyDictionary<string, CorrelationRule> byCategory)
{
    public CorrelationRule Default { get; } = defaultRule;

    public CorrelationRule For(string category) => byCategory.GetValueOrDefault(category) ?? Default;

    public double LargestRadiusMeters { get; } = byCategory.Values.Select(r => r.RadiusMeters).Append(defaultRule.RadiusMeters).Max();

    public TimeSpan LongestWindow { get; } = byCategory.Values.Select(r => r.Window).Append(defaultRule.Window).Max();

    /// <summary>
    /// Whether two incidents of one category are one happening: within the radius of each other, and each one's
    /// evidence span within the window of the other's. Cells and the duplicate sweep decide by this one rule.
    /// </summary>
    public bool AreDuplicates(string category, GeoPoint a, DateTimeOffset aOpenedAt, DateTimeOffset aLastEvidenceAt, GeoPoint b, DateTimeOffset bOpenedAt, DateTimeOffset bLastEvidenceAt)
    {
        var rule = For(category);
        return aOpenedAt - rule.Window <= bLastEvidenceAt && bOpenedAt - rule.Window <= aLastEvidenceAt && a.DistanceMetersTo(b) <= rule.RadiusMeters;
    }

    /// <summary>Of two duplicates, the earlier opened survives (ties: the smaller id), whoever decides.</summary>
    public static bool Precedes(DateTimeOffset aOpenedAt, string aId, DateTimeOffset bOpenedAt, string bId) =>
        aOpenedAt < bOpenedAt || (aOpenedAt == bOpenedAt && string.CompareOrdinal(aId, bId) < 0);
}
