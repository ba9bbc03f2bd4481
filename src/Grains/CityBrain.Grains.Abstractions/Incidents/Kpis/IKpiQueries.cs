namespace CityBrain.Incidents.Kpis;

/// <summary>KPI reports for the API: from the KPI ledger grain (embedded) or the PostgreSQL case facts (durable).</summary>
public interface IKpiQueries
{
    /// <summary>The KPI report of the cases <paramref name="query"/> covers.</summary>
    /// <param name="query">Which cases, and how to break them down.</param>
    /// <param name="now">Running SLA clocks past their deadline by this time count as late.</param>
    /// <param name="cancellationToken">Cancels the database query.</param>
    Task<KpiReport> ComputeAsync(KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);
}
