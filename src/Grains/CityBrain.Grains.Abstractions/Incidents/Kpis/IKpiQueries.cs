namespace CityBrain.Incidents.Kpis;

/// <summary>KPI reports for the API: from the KPI ledger grain (embedded) or the PostgreSQL case facts (durable).</summary>
public interface IKpiQueries
{
    /// <param name="now">Running SLA clocks past their deadline by this time count as late.</param>
    Task<KpiReport> ComputeAsync(KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);
}
