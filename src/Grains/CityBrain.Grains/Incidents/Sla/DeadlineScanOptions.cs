namespace CityBrain.Incidents.Sla;

/// <summary>How often each silo looks for due SLA thresholds, and how many it takes at once.</summary>
public sealed class DeadlineScanOptions
{
    /// <summary>Seconds between scans of the due-time index; a threshold fires at most this late plus the work queued ahead of it.</summary>
    public double ScanSeconds { get; set; } = 5;

    /// <summary>Incidents claimed per query; a pass repeats the query until nothing more is due.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Incident calls in flight at once per silo.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>How long a claim keeps other silos off an incident; a silo that dies mid-pass delays its claims this long at most.</summary>
    public double LeaseSeconds { get; set; } = 30;
}
