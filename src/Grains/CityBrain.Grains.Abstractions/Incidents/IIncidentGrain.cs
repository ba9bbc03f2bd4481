using CityBrain.Events;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Incidents;

/// <summary>
/// The case file of one incident. Key: the incident id, <c>inc-</c> followed by 16 lower-case hex digits
/// derived from the idempotency key of the event that opened it, so a redelivered opening event reopens nothing.
/// Persisted: the summary, evidence (capped), case (stage, tasks, audit) and owning cell; written on every change.
/// </summary>
[Alias("cb.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Open this incident from its first evidence; opening it again with the same command changes nothing.</summary>
    [Alias("Open")]
    Task<OpenResult> Open(OpenIncident command);

    /// <summary>
    /// Open this incident with evidence split off another by an operator. No spatial cell owns it, so like a
    /// reopened case it takes new detections only through an operator's merge.
    /// </summary>
    [Alias("OpenSplit")]
    Task<OpenResult> OpenSplit(SplitIncident command);

    /// <summary>The list-row view, or null if no incident has this id.</summary>
    [Alias("GetSummary")]
    Task<IncidentSummary?> GetSummary();

    /// <summary>Add <paramref name="evidence"/> to this open incident; a redelivered event is recognised, not added twice.</summary>
    [Alias("Attach")]
    Task<AttachResult> Attach(Observation evidence);

    /// <summary>Whether the event with <paramref name="key"/> is evidence of this incident (false if there is no incident).</summary>
    [Alias("Holds")]
    Task<bool> Holds(EventKey key);

    /// <summary>
    /// A point looked again (<see cref="ObservationKind.Recheck"/>). If this case is in verification, holds evidence
    /// from the same point and the recheck was observed after the case's last sighting in verification, the case
    /// passes verification (gone) or fails it (still seen), audited as the system's step with the recheck named;
    /// returns whether it did. Otherwise nothing changes.
    /// </summary>
    [Alias("Recheck")]
    Task<bool> Recheck(Observation recheck);

    /// <summary>
    /// A reading from the sensor whose reading opened this incident (through a scenario), and whether it was normal
    /// (it fired nothing). A normal reading while the case is in verification lets the quiet period verify it.
    /// </summary>
    [Alias("SensorReading")]
    Task SensorReading(Observation reading, bool normal);

    /// <summary>The incident with its evidence, or null if no incident has this id.</summary>
    [Alias("Get")]
    Task<IncidentView?> Get();

    /// <summary>
    /// One step of the case (accept, dispatch, start work, …, an operator's merge or split): checked against the
    /// closed loop, the tasks and the expected case version, audited, stored, then published. Refusals change nothing.
    /// </summary>
    [Alias("Act")]
    Task<CaseActResult> Act(CaseCommand command);

    /// <summary>
    /// Fire the SLA thresholds that are due (warnings, deadlines and the escalations they bring) and store the
    /// next due time. Called by the deadline scanner; idempotent and harmless when nothing is due.
    /// </summary>
    [Alias("CheckDeadlines")]
    Task CheckDeadlines();

    /// <summary>Close this incident as a duplicate of <paramref name="survivorId"/> and move its evidence there. Idempotent.</summary>
    [Alias("MergeInto")]
    Task MergeInto(string survivorId);

    /// <summary>Take the evidence of a merged duplicate. Events already attached are skipped; fails if this incident is not stored yet.</summary>
    [Alias("Absorb")]
    Task Absorb(string fromIncidentId, Observation[] evidence);
}
