using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Packs;
using CityBrain.Scenarios;
using CityBrain.Spatial;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace CityBrain.Cells;

/// <inheritdoc cref="ISpatialCellGrain"/>
[GrainType("cell")]
public sealed class SpatialCellGrain(
    [PersistentState("cell", StorageNames.State)] IPersistentState<CellState> state,
    CityPack pack,
    IEnumerable<IEvidenceLedger> ledgers,
    ScenarioCatalogSource scenarios,
    ScenarioFiringRecorder firingRecords,
    ILogger<SpatialCellGrain> logger) : Grain, ISpatialCellGrain
{
    private readonly IEvidenceLedger[] _ledgers = ledgers.ToArray();

    private readonly CorrelationIndex _index = new(pack.Correlation);

    /// <summary>
    /// How far a cell shares an observation at most, whatever the catalog says: definitions are refused beyond it
    /// when saved, and this keeps one observation's fan-out to at most (2 × rings + 2)² cells even for a catalog
    /// compiled under other limits.
    /// </summary>
    private readonly double _maxReachMeters = ScenarioLimits.MaxRadiusMeters(pack.Cells);

    /// <summary>
    /// Scenario windows are this activation's memory, not persisted: they hold minutes to hours of observations
    /// and would cost a write per event. After a crash or failover a cell starts them empty (and they refill from
    /// neighbours' shares and new events), so a window that spans the crash may fire late or not at all; a
    /// redelivered trigger fires nothing twice, since its evidence key is derived from the trigger's.
    /// </summary>
    private readonly ScenarioWindows _windows = new();
    private readonly ScenarioEvaluator _evaluator = new(pack.TimeZone, (scenario, e) =>
        logger.LogWarning(e, "Scenario {Scenario} v{Version}: its handler failed; it did not fire", scenario.Id, scenario.Version));
    private readonly List<ScenarioFiring> _firings = [];

    /// <summary>
    /// The open incidents that a sensor's reading opened here, by sensor and metric: their verification waits for the
    /// sensor to read normal, which this cell sees. Memory only: after a crash such cases are verified by operators
    /// (or by a recheck) instead. At most <see cref="SensorIncidentsKept"/> sensors.
    /// </summary>
    private readonly Dictionary<(string Point, string Metric), HashSet<string>> _sensorIncidents = [];
    private const int SensorIncidentsKept = 1024;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Evidence times are not written per event, so refresh them from the incidents themselves: a cell that
        // was idle long enough to be deactivated may still hold incidents that neighbours kept feeding.
        var stored = state.State.Own;
        var summaries = await Task.WhenAll(stored.Select(o => GrainFactory.GetGrain<IIncidentGrain>(o.Id).GetSummary()));
        for (var i = 0; i < stored.Count; i++)
        {
            if (summaries[i] is { Status: IncidentStatus.Open } summary) _index.AddOwn(stored[i] with { LastEvidenceAt = summary.LastEvidenceAt });
        }

        // A crash can come between a merge's two writes (evidence handed over, loser not yet marked merged):
        // finish such merges now, as nothing else would.
        foreach (var own in _index.Own.OrderBy(o => o.OpenedAt).ThenBy(o => o.Id, StringComparer.Ordinal).ToList())
        {
            await MergeOwnDuplicatesOf(own);
        }

        // Neighbours learn of this cell's incidents by one-way messages, which a crash can lose, and knowledge of
        // neighbours' incidents is not stored: tell them again, so that two incidents of one happening on either
        // side of a border still meet and merge. Not awaited: a neighbour activating at the same moment calls back.
        foreach (var own in _index.Own) AnnounceToNeighbours(own);
    }

    private void AnnounceToNeighbours(CellIncident incident)
    {
        foreach (var neighbour in NeighboursNear(incident)) _ = neighbour.NeighbourIncidentUpdated(incident);
    }

    /// <summary>The other cells within the incident's correlation radius: those whose reports it can take.</summary>
    private IEnumerable<ISpatialCellGrain> NeighboursNear(CellIncident incident)
    {
        foreach (var cell in pack.Cells.CellsWithin(incident.Location, pack.Correlation.For(incident.Category).RadiusMeters))
        {
            if (cell.GrainKey != Key) yield return GrainFactory.GetGrain<ISpatialCellGrain>(cell.GrainKey);
        }
    }

    public async Task<ObservationOutcome[]> Correlate(Observation[] observations)
    {
        var outcomes = new ObservationOutcome[observations.Length];
        for (var i = 0; i < observations.Length; i++)
        {
            outcomes[i] = await CorrelateOne(observations[i]);
        }

        return outcomes;
    }

    private async Task<ObservationOutcome> CorrelateOne(Observation observation)
    {
        if (observation.Kind == ObservationKind.Recheck) return await Recheck(observation);
        var catalog = scenarios.Current;
        ObservationOutcome? fired = null;
        if (catalog.Watches(observation.Kind, observation.Category))
        {
            fired = await RunScenarios(catalog, observation);
            if (catalog.TakesOver(observation.Kind, observation.Category)) return fired ?? ObservationOutcome.Recorded;
        }

        if (!observation.OpensIncidents) return fired ?? ObservationOutcome.Recorded;
        return (await Join(observation, origin: null)).Outcome;
    }

    /// <summary>Open an incident for the observation, or add it to the open one it belongs to; with the incident's id.</summary>
    /// <param name="origin">The scenario whose firing the observation is; null for an observation that opens incidents itself.</param>
    private async Task<(ObservationOutcome Outcome, string? IncidentId)> Join(Observation observation, ScenarioOrigin? origin)
    {
        if (observation.Redelivered)
        {
            if (await IsAlreadyEvidence(observation)) return (ObservationOutcome.Duplicate, null);
            // The flag is about this delivery, not the event: evidence is stored without it.
            observation = observation with { Redelivered = false };
        }

        // Each pass either settles the observation or drops a stale candidate, so this ends.
        while (_index.FindMatch(observation.Category, observation.Kind, observation.Location, observation.ObservedAt) is { } match)
        {
            var result = await AttachFollowingMerges(match.Id, observation);
            if (result.Status is AttachStatus.Attached or AttachStatus.AlreadyAttached)
            {
                var updated = _index.Touch(match.Id, result.LastEvidenceAt ?? observation.ObservedAt);
                if (updated is not null && _index.IsOwn(match.Id))
                {
                    await MergeOwnDuplicatesOf(updated);
                }
                else if (updated is not null)
                {
                    // The owner's window must see evidence that arrived through its neighbour.
                    _ = GrainFactory.GetGrain<ISpatialCellGrain>(updated.OwnerCell).NeighbourIncidentUpdated(updated);
                }

                return (result.Status == AttachStatus.Attached ? ObservationOutcome.AttachedToIncident : ObservationOutcome.Duplicate, match.Id);
            }

            await Forget(match.Id);
        }

        return await OpenIncident(observation, origin);
    }

    /// <summary>
    /// Evaluate the scenarios watching this observation, share it with the neighbours whose windows it reaches, and
    /// carry out what fired; the strongest outcome of the actions, or null when nothing acted.
    /// </summary>
    private async Task<ObservationOutcome?> RunScenarios(ScenarioCatalog catalog, Observation trigger)
    {
        _firings.Clear();
        if (_evaluator.Evaluate(catalog, _windows, trigger, _firings) is { } kept) await Share(kept, catalog.ReachMeters(trigger.Kind, trigger.Category));
        if (_firings.Count == 0 && trigger.Kind == ObservationKind.Reading && _sensorIncidents.TryGetValue((trigger.PointId, trigger.Category), out var waiting))
        {
            // A reading that fires nothing is the sensor back to normal, for the cases it opened.
            foreach (var incident in waiting.ToArray()) await GrainFactory.GetGrain<IIncidentGrain>(incident).SensorReading(trigger, normal: true);
        }

        if (_firings.Count == 0) return null;
        ObservationOutcome? outcome = null;
        foreach (var firing in _firings.ToArray())
        {
            var (result, record) = await Act(firing);
            if (result is { } r && (outcome is null || Strength(r) > Strength(outcome.Value))) outcome = r;
            firingRecords.Add(record);
        }

        return outcome;
    }

    private static int Strength(ObservationOutcome outcome) => outcome switch
    {
        ObservationOutcome.OpenedIncident => 3,
        ObservationOutcome.AttachedToIncident => 2,
        ObservationOutcome.Duplicate => 1,
        _ => 0,
    };

    /// <summary>
    /// Give the observation to the neighbours whose windows it reaches, and wait until they have it: the observation
    /// is acknowledged only after this, so any observation taken later, in whichever cell, counts it. (Sent one-way,
    /// a share could reach a neighbour after the next detection there, and a pair across a cell border never fired.)
    /// A neighbour that cannot be reached is logged and skipped: its windows refill, as after a crash.
    /// </summary>
    private async Task Share(ScenarioWindows.Remembered kept, double reachMeters)
    {
        var shared = new SharedObservation(kept.Observation, kept.RatePerMinute);
        List<Task>? sending = null;
        foreach (var cell in pack.Cells.CellsWithin(kept.Observation.Location, Math.Min(reachMeters, _maxReachMeters)))
        {
            if (cell.GrainKey != Key) (sending ??= []).Add(GrainFactory.GetGrain<ISpatialCellGrain>(cell.GrainKey).ShareObservation(shared));
        }

        if (sending is null) return;
        try
        {
            await Task.WhenAll(sending);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Cell {Cell} could not share observation {Observation} with every neighbour; their windows miss it", Key, kept.Observation.Key);
        }
    }

    public Task ShareObservation(SharedObservation shared)
    {
        ScenarioEvaluator.RememberShared(scenarios.Current, _windows, new ScenarioWindows.Remembered(shared.Observation, shared.RatePerMinute, _evaluator.LocalTimeOf(shared.Observation)));
        return Task.CompletedTask;
    }

    public async Task ActOnFiring(ScenarioFiringRequest request)
    {
        // The catalog may have moved on since the watch decided: the scenario as it is now acts, if it still runs.
        if (scenarios.Current.Scenarios.FirstOrDefault(s => s.Id == request.ScenarioId) is not { } scenario) return;
        var (_, record) = await Act(new ScenarioFiring(scenario, request.Trigger, request.Supporting));
        firingRecords.Add(record);
    }

    /// <summary>Carry out a firing's action (nothing in shadow mode) and say what it did.</summary>
    private async Task<(ObservationOutcome? Outcome, ScenarioFired Record)> Act(ScenarioFiring firing)
    {
        var scenario = firing.Scenario;
        var action = scenario.Then;
        var trigger = firing.Trigger;
        ScenarioFired Record(ScenarioEffect effect, string? incidentId) =>
            new(scenario.Id, scenario.Version, scenario.Mode == ScenarioMode.Shadow, trigger.Key, trigger.ObservedAt, trigger.Location, trigger.Regions,
                ScenarioEvidence.Describe(action), firing.Supporting, effect, incidentId);

        if (scenario.Mode == ScenarioMode.Shadow) return (null, Record(ScenarioEffect.None, null));
        var evidence = ScenarioEvidence.Of(firing);
        switch (action.Kind)
        {
            case ScenarioActionKind.Open:
                var sensorMetric = trigger.Metric;
                var (outcome, incidentId) = await Join(evidence, new ScenarioOrigin(scenario.Id, scenario.Version, action.Severity, action.Department, action.SlaCategory, sensorMetric));
                if (outcome == ObservationOutcome.OpenedIncident && sensorMetric is not null && incidentId is not null) RememberSensorIncident(trigger.PointId, sensorMetric, incidentId);
                return (outcome, Record(outcome switch
                {
                    ObservationOutcome.OpenedIncident => ScenarioEffect.Opened,
                    ObservationOutcome.AttachedToIncident => ScenarioEffect.Attached,
                    _ => ScenarioEffect.Repeated,
                }, incidentId));
            case ScenarioActionKind.Attach:
                foreach (var candidate in _index.FindWithinRadius(action.Category, trigger.Location))
                {
                    var attached = await AttachFollowingMerges(candidate.Id, evidence);
                    if (attached.Status == AttachStatus.Attached) return (ObservationOutcome.AttachedToIncident, Record(ScenarioEffect.Attached, candidate.Id));
                    if (attached.Status == AttachStatus.AlreadyAttached) return (ObservationOutcome.Duplicate, Record(ScenarioEffect.Repeated, candidate.Id));
                }

                return (null, Record(ScenarioEffect.NoIncident, null));
            case ScenarioActionKind.Escalate:
                foreach (var candidate in _index.FindWithinRadius(action.Category, trigger.Location))
                {
                    var escalated = await GrainFactory.GetGrain<IIncidentGrain>(candidate.Id).Act(new Incidents.Lifecycle.CaseCommand(
                        Incidents.Lifecycle.CaseAction.Escalate, AuditEntry.System, AuditEntry.System, evidence.Description));
                    if (escalated.Status == Incidents.Lifecycle.CaseActStatus.Done) return (null, Record(ScenarioEffect.Escalated, candidate.Id));
                }

                return (null, Record(ScenarioEffect.NoIncident, null));
            default:
                await this.GetStreamProvider(StreamNames.Provider)
                    .GetStream<ScenarioNotice>(StreamId.Create(StreamNames.ScenarioNoticesNamespace, trigger.Regions.Codes.Length > 1 ? trigger.Regions.Codes[1] : StreamNames.NoRegionKey))
                    .OnNextAsync(new ScenarioNotice(action.NotificationType!, scenario.Id, scenario.Version, action.Category, trigger.Key, trigger.ObservedAt, trigger.Location, trigger.Regions, firing.Supporting));
                return (null, Record(ScenarioEffect.Notified, null));
        }
    }

    /// <summary>
    /// A recheck goes to the incidents of its category within the category's radius, however old: a case waits in
    /// verification long after its correlation window. Only one holding evidence of the same point acts on it.
    /// </summary>
    private async Task<ObservationOutcome> Recheck(Observation recheck)
    {
        foreach (var candidate in _index.FindWithinRadius(recheck.Category, recheck.Location))
        {
            if (await GrainFactory.GetGrain<IIncidentGrain>(candidate.Id).Recheck(recheck)) return ObservationOutcome.Rechecked;
        }

        return ObservationOutcome.Recorded;
    }

    /// <summary>
    /// A redelivered report may have been taken before a crash, as evidence of whichever incident matched it
    /// then (not necessarily the one that matches now), as the opener of its own, or by an incident that has
    /// since been merged into one this cell cannot see. Ask them all, and the ledger where it is durable; this
    /// costs calls only for redeliveries, never on the common path.
    /// </summary>
    private async Task<bool> IsAlreadyEvidence(Observation observation)
    {
        var candidates = _index.FindAllMatches(observation.Category, observation.Kind, observation.Location, observation.ObservedAt).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        candidates.Add(IncidentIds.For(observation.Key));
        foreach (var ledger in _ledgers)
        {
            // The ledger is written before the incident's state, so its word is checked against the incident.
            if (await ledger.FindHolderAsync(observation.Key) is { } holder) candidates.Add(holder);
        }

        var held = await Task.WhenAll(candidates.Select(id => GrainFactory.GetGrain<IIncidentGrain>(id).Holds(observation.Key)));
        return held.Contains(true);
    }

    private async Task<AttachResult> AttachFollowingMerges(string incidentId, Observation observation)
    {
        var result = await GrainFactory.GetGrain<IIncidentGrain>(incidentId).Attach(observation);
        for (var hops = 0; result is { Status: AttachStatus.Redirect, RedirectTo: { } survivor } && hops < 8; hops++)
        {
            result = await GrainFactory.GetGrain<IIncidentGrain>(survivor).Attach(observation);
        }

        return result;
    }

    private async Task<(ObservationOutcome, string?)> OpenIncident(Observation observation, ScenarioOrigin? origin)
    {
        var id = IncidentIds.For(observation.Key);
        // Claim the incident in this cell's state before it exists. A crash between the two writes then leaves a
        // claim that activation checks, never an incident this cell has forgotten: a forgotten incident would let
        // the redelivered report that opened it become evidence of a second one as well.
        _index.AddOwn(new CellIncident(id, observation.Category, observation.Location, observation.ObservedAt, observation.ObservedAt, Key));
        await SaveOwn();
        var opened = await GrainFactory.GetGrain<IIncidentGrain>(id).Open(new OpenIncident(observation.Category, observation, Key, origin));
        var summary = opened.Incident;
        if (summary.Status != IncidentStatus.Open)
        {
            await Forget(id);
            return (ObservationOutcome.Duplicate, id);
        }

        var entry = new CellIncident(id, summary.Category, summary.Location, summary.OpenedAt, summary.LastEvidenceAt, Key);
        _index.AddOwn(entry);
        AnnounceToNeighbours(entry);

        if (opened.Created) return (ObservationOutcome.OpenedIncident, id);

        // The incident existed but this cell no longer knew it (evicted from a full index, or lost by a crash in a
        // state written before claims came first). Reports in the meantime may have opened another one here.
        await MergeOwnDuplicatesOf(entry);
        return (ObservationOutcome.Duplicate, id);
    }

    public async Task NeighbourIncidentUpdated(CellIncident incident)
    {
        if (_index.IsOwn(incident.Id))
        {
            if (_index.Touch(incident.Id, incident.LastEvidenceAt) is { } touched) await MergeOwnDuplicatesOf(touched);
            return;
        }

        _index.PutForeign(incident);
        // Two neighbours that saw the same thing at the same moment each opened an incident. Both learn of the
        // other's; the rule of which survives is the same on both sides, and only the loser's owner acts.
        var duplicate = _index.FindOwnDuplicateOf(incident);
        if (duplicate is null) return;
        if (CorrelationIndex.Precedes(incident, duplicate))
        {
            await MergeOwn(duplicate, incident.Id);
            return;
        }

        // Ours is the earlier one, so the neighbour's must go. The neighbour may not know ours at all (it was
        // reactivated on another silo, and knowledge of neighbours' incidents is not persisted): tell it.
        _ = GrainFactory.GetGrain<ISpatialCellGrain>(incident.OwnerCell).NeighbourIncidentUpdated(duplicate);
    }

    /// <summary>
    /// Two incidents of this cell become duplicates when late evidence widens one's span into the other's, or
    /// when a crash interrupted a merge. Keep the earlier, merge the rest into it.
    /// </summary>
    private async Task MergeOwnDuplicatesOf(CellIncident incident)
    {
        while (_index.IsOwn(incident.Id) && _index.FindOwnDuplicateOf(incident) is { } duplicate)
        {
            var (survivor, loser) = CorrelationIndex.Precedes(incident, duplicate) ? (incident, duplicate) : (duplicate, incident);
            await MergeOwn(loser, survivor.Id);
            // The survivor now holds the loser's evidence, so its span may have grown.
            incident = _index.Touch(survivor.Id, loser.LastEvidenceAt) ?? survivor;
        }
    }

    /// <summary>Merge an incident this cell opened into its survivor, and tell the neighbours it is gone.</summary>
    private async Task MergeOwn(CellIncident loser, string survivorId)
    {
        await GrainFactory.GetGrain<IIncidentGrain>(loser.Id).MergeInto(survivorId);
        await Forget(loser.Id);
        foreach (var neighbour in NeighboursNear(loser)) _ = neighbour.IncidentClosed(loser.Id);
    }

    public Task IncidentClosed(string incidentId)
    {
        foreach (var (sensor, incidents) in _sensorIncidents.ToArray())
        {
            if (incidents.Remove(incidentId) && incidents.Count == 0) _sensorIncidents.Remove(sensor);
        }

        return Forget(incidentId);
    }

    private void RememberSensorIncident(string point, string metric, string incidentId)
    {
        if (!_sensorIncidents.TryGetValue((point, metric), out var incidents))
        {
            if (_sensorIncidents.Count >= SensorIncidentsKept) return;
            _sensorIncidents[(point, metric)] = incidents = new HashSet<string>(StringComparer.Ordinal);
        }

        incidents.Add(incidentId);
    }

    private async Task Forget(string incidentId)
    {
        var wasOwn = _index.IsOwn(incidentId);
        if (_index.Remove(incidentId) && wasOwn) await SaveOwn();
    }

    private Task SaveOwn()
    {
        state.State.Own = _index.Own.ToList();
        return state.WriteStateAsync();
    }
}
