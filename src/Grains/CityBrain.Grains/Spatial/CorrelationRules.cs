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
}
