using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Regions;
using Orleans.Runtime;
using Orleans.Streams;

namespace CityBrain.Incidents;

/// <inheritdoc cref="IIncidentGrain"/>
[GrainType("incident")]
public sealed class IncidentGrain(
    [PersistentState("incident", StorageNames.State)] IPersistentState<IncidentState> state,
    IEnumerable<IIncidentJournal> journals,
    TimeProvider clock) : Grain, IIncidentGrain
{
    private readonly IIncidentJournal[] _journals = journals.ToArray();

    private IncidentState S => state.State;

    public async Task<OpenResult> Open(OpenIncident command)
    {
        if (S.Summary is { } existing) return new OpenResult(existing, Created: false);
        var first = command.First;
        S.Summary = new IncidentSummary(this.GetPrimaryKeyString(), command.Category, IncidentStatus.Open, first.Location, first.Regions, first.ObservedAt, first.ObservedAt, 1);
        S.Evidence = [first];
        S.OwnerCell = command.OwnerCell;
        await Commit("opened", AuditEntry.System, null, $"by {first.Key} from point {first.PointId}", [first]);
        await Task.WhenAll(NotifyDistricts(), Publish(IncidentChangeKind.Opened, first.Key));
        return new OpenResult(S.Summary, Created: true);
    }

    public Task<IncidentSummary?> GetSummary() => Task.FromResult(S.Summary);

    public async Task<AttachResult> Attach(Observation evidence)
    {
        switch (S.Summary)
        {
            case null:
                return new AttachResult(AttachStatus.Closed);
            case { Status: IncidentStatus.Merged, MergedInto: var survivor }:
                return new AttachResult(AttachStatus.Redirect, survivor);
            case { Status: not IncidentStatus.Open }:
                return new AttachResult(AttachStatus.Closed);
        }

        if (HasEvidence(evidence.Key)) return new AttachResult(AttachStatus.AlreadyAttached, LastEvidenceAt: S.Summary.LastEvidenceAt);
        AddEvidence(evidence);
        await Commit(null, AuditEntry.System, null, null, [evidence]);
        await Publish(IncidentChangeKind.EvidenceAttached, evidence.Key);
        return new AttachResult(AttachStatus.Attached, LastEvidenceAt: S.Summary.LastEvidenceAt);
    }

    public Task<bool> Holds(EventKey key) => Task.FromResult(S.Summary is not null && HasEvidence(key));

    public Task<IncidentView?> Get() =>
        Task.FromResult(S.Summary is null ? null : new IncidentView(S.Summary, S.Evidence.ToArray(), S.Resolution, S.Audit.ToArray()));

    public async Task<ResolveResult> Resolve(ResolveIncident command)
    {
        if (S.Summary is null) return new ResolveResult(ResolveStatus.NotFound, null);
        if (S.Summary.Status != IncidentStatus.Open) return new ResolveResult(ResolveStatus.NotOpen, S.Summary);
        var now = clock.GetUtcNow();
        S.Summary = S.Summary with { Status = IncidentStatus.Resolved, ClosedAt = now };
        S.Resolution = new Resolution(command.Actor, command.Note, now);
        await Commit("resolved", command.Actor, IncidentStatus.Open, command.Note, []);
        await Task.WhenAll(NotifyDistricts(), Publish(IncidentChangeKind.Resolved, null));
        if (S.OwnerCell is not null) await GrainFactory.GetGrain<ISpatialCellGrain>(S.OwnerCell).IncidentClosed(S.Summary.Id);
        return new ResolveResult(ResolveStatus.Resolved, S.Summary);
    }

    public async Task MergeInto(string survivorId)
    {
        if (S.Summary is not { Status: IncidentStatus.Open } || survivorId == S.Summary.Id) return;
        // Hand the evidence over before recording the merge: if this turn fails in between, the merge is retried
        // and Absorb skips what the survivor already has, so no evidence is ever only in a merged incident.
        await GrainFactory.GetGrain<IIncidentGrain>(survivorId).Absorb(S.Summary.Id, S.Evidence.ToArray());
        S.Summary = S.Summary with { Status = IncidentStatus.Merged, MergedInto = survivorId, ClosedAt = clock.GetUtcNow() };
        await Commit("merged", AuditEntry.System, IncidentStatus.Open, $"duplicate of {survivorId}", []);
        await Task.WhenAll(NotifyDistricts(), Publish(IncidentChangeKind.Merged, null));
    }

    public async Task Absorb(string fromIncidentId, Observation[] evidence)
    {
        if (S.Summary is null) return;
        if (S.Summary is { Status: IncidentStatus.Merged, MergedInto: { } survivor })
        {
            await GrainFactory.GetGrain<IIncidentGrain>(survivor).Absorb(fromIncidentId, evidence);
            return;
        }

        var added = new List<Observation>();
        foreach (var item in evidence)
        {
            if (HasEvidence(item.Key)) continue;
            AddEvidence(item);
            added.Add(item);
        }

        if (S.Audit.Any(a => a.Kind == "absorbed" && a.Detail == fromIncidentId) && added.Count == 0) return;
        await Commit("absorbed", AuditEntry.System, S.Summary.Status, fromIncidentId, added);
        if (added.Count > 0) await Publish(IncidentChangeKind.EvidenceAttached, null);
    }

    /// <summary>
    /// Record a change: the journal first (idempotent upserts, so a retry after a failed state write records
    /// nothing twice), then the grain's own state. Only then is the change acknowledged or published.
    /// </summary>
    private async Task Commit(string? auditKind, string actor, IncidentStatus? before, string? detail, IReadOnlyList<Observation> newEvidence)
    {
        S.Version++;
        AuditEntry? audit = null;
        if (auditKind is not null)
        {
            audit = new AuditEntry(S.Version, clock.GetUtcNow(), auditKind, actor, before, S.Summary!.Status, detail);
            S.Audit.Add(audit);
        }

        var record = new IncidentChangeRecord(S.Summary!, S.Version, audit, newEvidence);
        foreach (var journal in _journals) await journal.RecordAsync(record);
        await state.WriteStateAsync();
    }

    private bool HasEvidence(EventKey key)
    {
        foreach (var e in S.Evidence)
        {
            if (e.Key == key) return true;
        }

        return false;
    }

    private void AddEvidence(Observation evidence)
    {
        // The first evidence is the incident's origin and always stays; beyond the cap the oldest of the rest go.
        if (S.Evidence.Count >= IncidentView.MaxEvidenceKept) S.Evidence.RemoveAt(1);
        S.Evidence.Add(evidence);
        var summary = S.Summary!;
        S.Summary = summary with
        {
            EvidenceCount = summary.EvidenceCount + 1,
            LastEvidenceAt = evidence.ObservedAt > summary.LastEvidenceAt ? evidence.ObservedAt : summary.LastEvidenceAt,
        };
    }

    private Task NotifyDistricts()
    {
        var summary = S.Summary!;
        var codes = summary.Regions.Codes;
        var calls = new Task[codes.Length];
        for (var i = 0; i < codes.Length; i++) calls[i] = GrainFactory.GetGrain<IDistrictGrain>(codes[i]).IncidentChanged(summary);
        return Task.WhenAll(calls);
    }

    private Task Publish(IncidentChangeKind kind, EventKey? cause)
    {
        var summary = S.Summary!;
        var key = summary.Regions.Codes.Length > 1 ? summary.Regions.Codes[1] : StreamNames.NoRegionKey;
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<IncidentChanged>(StreamId.Create(StreamNames.IncidentsNamespace, key));
        return stream.OnNextAsync(new IncidentChanged(kind, summary, cause));
    }
}
