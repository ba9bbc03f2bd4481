namespace CityBrain.Incidents.Kpis;

/// <summary>A KPI report over case facts held in memory: the filter, the breakdown and the totals.</summary>
public static class KpiCalculator
{
    public static KpiReport Compute(IEnumerable<CaseFacts> cases, KpiQuery query, DateTimeOffset now)
    {
        var total = new KpiTally(now);
        var groups = new Dictionary<string, KpiTally>(StringComparer.Ordinal);
        KpiTally? ungrouped = null;
        foreach (var facts in cases)
        {
            if (!Covers(query, facts)) continue;
            total.Add(facts);
            if (query.GroupBy == KpiGrouping.None) continue;
            if (GroupKey(query, facts) is { } key)
            {
                if (!groups.TryGetValue(key, out var group)) groups[key] = group = new KpiTally(now);
                group.Add(facts);
            }
            else
            {
                (ungrouped ??= new KpiTally(now)).Add(facts);
            }
        }

        var rows = groups.Select(g => new KpiGroup(g.Key, g.Value.ToFigures())).ToList();
        if (ungrouped is not null) rows.Add(new KpiGroup(null, ungrouped.ToFigures()));
        return new KpiReport(query, now, total.ToFigures(), InReportOrder(rows));
    }

    /// <summary>Groups as a report lists them: by key, ordinal, and the null key (no department, no region below) last.</summary>
    public static KpiGroup[] InReportOrder(IEnumerable<KpiGroup> groups) =>
        groups.OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();

    public static bool Covers(KpiQuery query, CaseFacts facts) =>
        !facts.Merged
        && Array.IndexOf(facts.RegionCodes, query.RegionCode) >= 0
        && (query.Department is null || facts.Department == query.Department)
        && (query.Category is null || facts.Category == query.Category)
        && (query.From is not { } from || facts.DetectedAt >= from)
        && (query.To is not { } to || facts.DetectedAt < to);

    /// <summary>The case's group; null when it has none (no department, or no region below the one asked for).</summary>
    public static string? GroupKey(KpiQuery query, CaseFacts facts) => query.GroupBy switch
    {
        KpiGrouping.Department => facts.Department,
        KpiGrouping.Category => facts.Category,
        KpiGrouping.Region => Array.IndexOf(facts.RegionCodes, query.RegionCode) is var depth && depth >= 0 && depth + 1 < facts.RegionCodes.Length
            ? facts.RegionCodes[depth + 1]
            : null,
        _ => null,
    };
}
