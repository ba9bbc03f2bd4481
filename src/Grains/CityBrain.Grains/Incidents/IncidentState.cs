using CityBrain.Events;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Routing;
using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents;

/// <summary>Persisted state of <see cref="IncidentGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.IncidentState")]
public sealed class IncidentState
{
    /// <summary>Null until the incident is opened.</summary>
    [Id(0)] public IncidentSummary? Summary { get; set; }

    /// <summary>Evidence in arrival order, at most <see cref="IncidentView.MaxEvidenceKept"/> (the first is always kept).</summary>
    [Id(1)] public List<Observation> Evidence { get; set; } = [];

    [Id(2)] public Resolution? Resolution { get; set; }

    /// <summary>The spatial cell that opened it and keeps it as a correlation candidate.</summary>
    [Id(3)] public string? OwnerCell { get; set; }

    /// <summary>Change counter: 1 when opened, one more for every change since.</summary>
    [Id(4)] public long Version { get; set; }

    /// <summary>Every change of the case, oldest first (tens per incident: evidence is not audited here).</summary>
    [Id(5)] public List<AuditEntry> Audit { get; set; } = [];

    /// <summary>When the case is suspended, the stage it resumes to.</summary>
    [Id(6)] public CaseStage? SuspendedFrom { get; set; }

    /// <summary>Grows with every case change (not with evidence): the optimistic-concurrency token of the API.</summary>
    [Id(7)] public long CaseVersion { get; set; }

    /// <summary>What the pack's routing table said when the incident was opened.</summary>
    [Id(8)] public RoutingDecision? Routing { get; set; }

    /// <summary>One task per dispatched department, the lead first.</summary>
    [Id(9)] public List<CaseTask> Tasks { get; set; } = [];

    [Id(10)] public Evaluation? Evaluation { get; set; }

    /// <summary>SLA clocks, running and recently stopped (bounded by <see cref="SlaClocks.MaxStoppedKept"/>).</summary>
    [Id(11)] public List<SlaClock> Clocks { get; set; } = [];

    /// <summary>When the case was suspended; null when it is not.</summary>
    [Id(12)] public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>The severity the routing table gave its category; evidence raises the incident's above it.</summary>
    [Id(13)] public Severity BaseSeverity { get; set; } = Severity.Normal;

    /// <summary>Distinct points that reported it, up to <see cref="IndependenceTracked"/>.</summary>
    [Id(14)] public List<string> Points { get; set; } = [];

    /// <summary>Distinct kinds of observation (detection, reading, report) among its evidence.</summary>
    [Id(15)] public List<ObservationKind> Kinds { get; set; } = [];

    /// <summary>
    /// While in verification: since when the problem has not been seen (the case entered verification, or the
    /// latest evidence arrived). A quiet period set by the pack's SLA file passes verification automatically.
    /// </summary>
    [Id(16)] public DateTimeOffset? QuietSince { get; set; }

    /// <summary>The category whose SLA budgets the clocks use, when a scenario's action set one; the incident's own when null.</summary>
    [Id(17)] public string? SlaCategory { get; set; }

    /// <summary>The sensor (point and metric) whose reading a scenario opened this incident on; null otherwise.</summary>
    [Id(18)] public SensorOrigin? OriginSensor { get; set; }

    /// <summary>When that sensor was last seen reading normal (wall clock, UTC).</summary>
    [Id(19)] public DateTimeOffset? SensorNormalAt { get; set; }

    /// <summary>More distinct points than this add nothing to severity, so no more are remembered.</summary>
    public const int IndependenceTracked = 8;

    /// <summary>Count <see cref="Points"/> and <see cref="Kinds"/> afresh from the evidence kept (after an open or a split, not per event).</summary>
    public void RecountIndependence()
    {
        Points = Evidence.Select(e => e.PointId).Distinct().Take(IndependenceTracked).ToList();
        Kinds = Evidence.Select(e => e.Kind).Distinct().ToList();
    }
}
