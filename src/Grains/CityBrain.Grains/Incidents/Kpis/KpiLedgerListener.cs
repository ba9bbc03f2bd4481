namespace CityBrain.Incidents.Kpis;

/// <summary>
/// Hands the case facts of every stored audited change to the KPI ledger grain: the embedded stand-in for the
/// <c>case_facts</c> table. The ledger keeps the latest version per incident, so a repeat changes nothing.
/// </summary>
public sealed class KpiLedgerListener(IGrainFactory grains) : IIncidentChangeListener
{
    public Task OnStoredAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default) =>
        change.Facts is { } facts ? grains.GetGrain<IKpiLedgerGrain>(IKpiLedgerGrain.CityKey).Record(facts) : Task.CompletedTask;
}
