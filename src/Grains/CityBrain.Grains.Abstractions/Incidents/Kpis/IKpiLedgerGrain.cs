namespace CityBrain.Incidents.Kpis;

/// <summary>
/// The case facts of the whole city in memory, for KPIs when there is no database (the embedded host and
/// in-memory test clusters). Key: <see cref="CityKey"/>; one per cluster. With PostgreSQL the facts are a table
/// and this grain is not used.
/// </summary>
[Alias("cb.IKpiLedgerGrain")]
public interface IKpiLedgerGrain : IGrainWithStringKey
{
    /// <summary>The key of the one ledger of the cluster.</summary>
    public const string CityKey = "city";

    /// <summary>Keep the latest facts of a case (an older version than the one held is ignored).</summary>
    [Alias("Record")]
    Task Record(CaseFacts facts);

    /// <summary>The KPIs of the cases <paramref name="query"/> covers; running SLA clocks past their deadline at <paramref name="now"/> count as late.</summary>
    [Alias("Compute")]
    Task<KpiReport> Compute(KpiQuery query, DateTimeOffset now);
}
