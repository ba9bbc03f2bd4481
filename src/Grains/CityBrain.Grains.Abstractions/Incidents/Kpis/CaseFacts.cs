namespace CityBrain.Incidents.Kpis;

/// <summary>
/// What the KPIs need to know of one case, recorded with every audited change of it (not with evidence). Times
/// are wall-clock UTC, as the SLA clocks run.
/// </summary>
/// <param name="IncidentId">The incident the facts are of.</param>
/// <param name="Category">Its category.</param>
/// <param name="RegionCodes">Region codes at every level, root first.</param>
/// <param name="Department">The lead department; null when unrouted and not dispatched.</param>
/// <param name="DetectedAt">When the platform opened the incident: the start of its time to close.</param>
/// <param name="ClosedAt">When it was closed (结案), while it is closed or evaluated; null otherwise, also after a reopen.</param>
/// <param name="Rejected">Whether it was refused as a false alarm (不予立案).</param>
/// <param name="Merged">Whether it was merged into another incident: a duplicate, left out of every KPI.</param>
/// <param name="Reopened">How many times it was reopened after closing.</param>
/// <param name="Score">The satisfaction score of its evaluation; null when not evaluated.</param>
/// <param name="Sla">One tally per <see cref="Sla.SlaStage"/>, indexed by its numeric value.</param>
/// <param name="Version">The incident's change counter when taken: of two records, the higher is newer.</param>
[GenerateSerializer, Immutable, Alias("cb.CaseFacts")]
public sealed record CaseFacts(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string Category,
    [property: Id(2)] string[] RegionCodes,
    [property: Id(3)] string? Department,
    [property: Id(4)] DateTimeOffset DetectedAt,
    [property: Id(5)] DateTimeOffset? ClosedAt,
    [property: Id(6)] bool Rejected,
    [property: Id(7)] bool Merged,
    [property: Id(8)] int Reopened,
    [property: Id(9)] int? Score,
    [property: Id(10)] SlaTally[] Sla,
    [property: Id(11)] long Version);
