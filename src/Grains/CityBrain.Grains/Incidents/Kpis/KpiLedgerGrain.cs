namespace CityBrain.Incidents.Kpis;

/// <summary>
/// <inheritdoc cref="IKpiLedgerGrain"/>
/// Case changes are human steps and clock alarms, not events, so one grain keeps up with a city's. It is not
/// persisted: it exists only where storage is memory, and it stays active so that idle collection cannot drop
/// the facts while the incidents they describe live on.
/// </summary>
[GrainType("kpi-ledger")]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class KpiLedgerGrain : Grain, IKpiLedgerGrain
{
    private readonly Dictionary<string, CaseFacts> _cases = new(StringComparer.Ordinal);

    public Task Record(CaseFacts facts)
    {
        if (!_cases.TryGetValue(facts.IncidentId, out var held) || held.Version <= facts.Version) _cases[facts.IncidentId] = facts;
        return Task.CompletedTask;
    }

    public Task<KpiReport> Compute(KpiQuery query, DateTimeOffset now) => Task.FromResult(KpiCalculator.Compute(_cases.Values, query, now));
}
