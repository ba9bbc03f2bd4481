namespace CityBrain.Incidents.Kpis;

/// <summary>KPI reports from the KPI ledger grain: the embedded default, where there is no database.</summary>
public sealed class KpiLedgerQueries(IGrainFactory grains) : IKpiQueries
{
    public Task<KpiReport> ComputeAsync(KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IKpiLedgerGrain>(IKpiLedgerGrain.CityKey).Compute(query, now);
}
