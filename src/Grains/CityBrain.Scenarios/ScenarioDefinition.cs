namespace CityBrain.Scenarios;

/// <summary>
/// One smart application, checked and compiled from its JSON definition: when <see cref="When"/> holds for an
/// observation inside <see cref="ScopeRegions"/>, do <see cref="Then"/>. Immutable.
/// </summary>
/// <param name="Id">Stable id, lower-case letters, digits, '-' and '_'; what incidents and firings name.</param>
/// <param name="Version">Counts the definition's changes from 1; incidents record the version that opened them.</param>
/// <param name="ScopeRegions">Region codes (any level) the triggering observation must lie in; null for the whole city.</param>
public sealed record ScenarioDefinition(
    string Id,
    int Version,
    string Name,
    string? Description,
    bool Enabled,
    ScenarioMode Mode,
    IReadOnlyList<string>? ScopeRegions,
    ScenarioCondition When,
    ScenarioAction Then)
{
    /// <summary>
    /// The detection categories whose own opening this scenario takes over when it runs live: those its condition
    /// watches, if its open action says <c>takesOverOpening</c>; none otherwise.
    /// </summary>
    public IReadOnlyList<string> TakenOverCategories => Then.TakesOverOpening ? DetectionCategories(When) : [];

    /// <summary>Every detection category a condition watches, each once, in document order.</summary>
    public static IReadOnlyList<string> DetectionCategories(ScenarioCondition condition) =>
        condition.Matches().Where(m => m.Kind == Events.ObservationKind.Detection).SelectMany(m => m.Categories).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether a place with these region codes is in the scenario's scope.</summary>
    public bool Covers(Events.RegionPath regions)
    {
        if (ScopeRegions is not { } scope) return true;
        foreach (var code in regions.Codes)
        {
            for (var i = 0; i < scope.Count; i++)
            {
                if (string.Equals(scope[i], code, StringComparison.Ordinal)) return true;
            }
        }

        return false;
    }
}
