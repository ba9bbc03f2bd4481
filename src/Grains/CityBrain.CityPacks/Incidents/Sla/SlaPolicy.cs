using System.Collections.Frozen;

namespace CityBrain.Incidents.Sla;

/// <summary>
/// A city pack's deadlines per category and severity (<see cref="SlaPolicyLoader"/>). The most specific level
/// that sets a clock's time decides it: the category at that severity, the category, the severity, the default.
/// A clock no level sets does not run. Read-only once loaded.
/// </summary>
public sealed class SlaPolicy(
    double warningFraction,
    SlaBudgets defaults,
    FrozenDictionary<Severity, SlaBudgets> bySeverity,
    FrozenDictionary<string, SlaBudgets> byCategory,
    FrozenDictionary<(string Category, Severity Severity), SlaBudgets> byCategoryAndSeverity,
    TimeSpan? defaultQuietPeriod = null,
    FrozenDictionary<string, TimeSpan>? quietPeriodByCategory = null)
{
    /// <summary>For packs without an SLA file: no clocks run.</summary>
    public static readonly SlaPolicy None = new(1, SlaBudgets.Empty, FrozenDictionary<Severity, SlaBudgets>.Empty,
        FrozenDictionary<string, SlaBudgets>.Empty, FrozenDictionary<(string, Severity), SlaBudgets>.Empty);

    /// <summary>The share of a clock's time after which the yellow warning fires (the red one fires at the deadline).</summary>
    public double WarningFraction { get; } = warningFraction;

    /// <summary>
    /// How long a case in verification must go without new evidence to pass it automatically (the problem has
    /// not been seen again); null when only an operator verifies cases of the category.
    /// </summary>
    public TimeSpan? QuietPeriodFor(string category) =>
        quietPeriodByCategory is not null && quietPeriodByCategory.TryGetValue(category, out var quiet) ? quiet : defaultQuietPeriod;

    public TimeSpan? BudgetFor(string category, Severity severity, SlaStage stage) =>
        byCategoryAndSeverity.GetValueOrDefault((category, severity))?.For(stage)
        ?? byCategory.GetValueOrDefault(category)?.For(stage)
        ?? bySeverity.GetValueOrDefault(severity)?.For(stage)
        ?? defaults.For(stage);
}
