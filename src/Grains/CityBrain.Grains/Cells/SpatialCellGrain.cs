using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Packs;
using CityBrain.Spatial;
using Orleans.Runtime;

namespace CityBrain.Cells;

/// <inheritdoc cref="ISpatialCellGrain"/>
[GrainType("cell")]
public sealed class SpatialCellGrain(
    [PersistentState("cell", StorageNames.State)] IPersistentState<CellState> state,
    CityPack pack,
    IEnumerable<IEvidenceLedger> ledgers) : Grain, ISpatialCellGrain
{
    private readonly IEvidenceLedger[] _ledgers = ledgers.ToArray();

    private readonly CorrelationIndex _index = new(pack.Correlation);

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
        if (!observation.OpensIncidents) return ObservationOutcome.Recorded;
        if (observation.Redelivered)
        {
            if (await IsAlreadyEvidence(observation)) return ObservationOutcome.Duplicate;
            // The flag is about this delivery, not the event: evidence is stored without it.
            observation = observation with { Redelivered = false };
        }

        // Each pass either settles the observation or drops a stale candidate, so this ends.
        while (_index.FindMatch(observation.Topic, observation.Kind, observation.Location, observation.ObservedAt) is { } match)
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

                return result.Status == AttachStatus.Attached ? ObservationOutcome.AttachedToIncident : ObservationOutcome.Duplicate;
            }

            await Forget(match.Id);
        }

        return await OpenIncident(observation);
    }

    /// <summary>
    /// A recheck goes to the incidents of its category within the category's radius, however old: a case waits in
    /// verification long after its correlation window. Only one holding evidence of the same point acts on it.
    /// </summary>
    private async Task<ObservationOutcome> Recheck(Observation recheck)
    {
        foreach (var candidate in _index.FindWithinRadius(recheck.Topic, recheck.Location))
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
        var candidates = _index.FindAllMatches(observation.Topic, observation.Kind, observation.Location, observation.ObservedAt).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
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

    private async Task<ObservationOutcome> OpenIncident(Observation observation)
    {
        var id = IncidentIds.For(observation.Key);
        // Claim the incident in this cell's state before it exists. A crash between the two writes then leaves a
        // claim that activation checks, never an incident this cell has forgotten: a forgotten incident would let
        // the redelivered report that opened it become evidence of a second one as well.
        _index.AddOwn(new CellIncident(id, observation.Topic, observation.Location, observation.ObservedAt, observation.ObservedAt, Key));
        await SaveOwn();
        var opened = await GrainFactory.GetGrain<IIncidentGrain>(id).Open(new OpenIncident(observation.Topic, observation, Key));
        var summary = opened.Incident;
        if (summary.Status != IncidentStatus.Open)
        {
            await Forget(id);
            return ObservationOutcome.Duplicate;
        }

        var entry = new CellIncident(id, summary.Category, summary.Location, summary.OpenedAt, summary.LastEvidenceAt, Key);
        _index.AddOwn(entry);
        AnnounceToNeighbours(entry);

        if (opened.Created) return ObservationOutcome.OpenedIncident;

        // The incident existed but this cell no longer knew it (evicted from a full index, or lost by a crash in a
        // state written before claims came first). Reports in the meantime may have opened another one here.
        await MergeOwnDuplicatesOf(entry);
        return ObservationOutcome.Duplicate;
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

    public Task IncidentClosed(string incidentId) => Forget(incidentId);

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
