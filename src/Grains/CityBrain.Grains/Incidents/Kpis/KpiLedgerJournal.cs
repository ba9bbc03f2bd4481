namespace CityBrain.Incidents.Kpis;

/// <summary>Hands the case facts of every audited change to the KPI ledger grain: the embedded stand-in for the <c>case_facts</c> table.</summary>
public sealed class KpiLedgerJournal(IGrainFactory grains) : IIncidentJournal
{
    public Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default) =>
        change.Facts is { } facts ? grains.GetGrain<IKpiLedgerGrain>(IKpiLedgerGrain.CityKey).Record(facts) : Task.CompletedTask;
}
