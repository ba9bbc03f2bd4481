namespace CityBrain.Incidents.Kpis;

/// <summary>
/// The case facts of the whole city in memory, for KPIs when there is no database (the embedded host and
/// in-memory test clusters). Key: <see cref="CityKey"/>; one per cluster. With PostgreSQL the facts are a table
/// and this grain is not used.
/// </summary>
[Alias("cb.IKpiLedgerGrain")]
public interface IKpiLedgerGrain : IGrainWithStringKey
{
    public const string CityKey = "city";

    /// <summary>Keep the latest facts of a case (an older version than the one held is ignored).</summary>
    [Alias("Record")]
    Task Record(CaseFacts facts);

    [Alias("Compute")]
    Task<KpiReport> Compute(KpiQuery query, DateTimeOffset now);
}
