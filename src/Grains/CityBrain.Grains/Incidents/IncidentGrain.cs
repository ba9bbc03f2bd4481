using CityBrain.Cells;
using CityBrain.Regions;
using CityBrain.Events;
using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Incidents.Routing;
using CityBrain.Routing;
using CityBrain.Scenarios;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace CityBrain.Incidents;

/// <inheritdoc cref="IIncidentGrain"/>
[GrainType("incident")]
public sealed class IncidentGrain(
    [PersistentState("incident", StorageNames.State)] IPersistentState<IncidentState> state,
    IEnumerable<IIncidentJournal> journals,
    IEnumerable<IIncidentChangeListener> listeners,
    IEnumerable<IIncidentJournalReader> journalReaders,
    IEnumerable<IRegionFeed> regionFeeds,
    CityPack pack,
    UnroutedCategories unrouted,
    TimeProvider clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IRemindable
{
    /// <summary>
    /// A merge writes twice (the survivor absorbs the evidence, then this incident records "merged"), and a crash
    /// in between leaves two open incidents sharing evidence. The reminder, registered before the first write and
    /// named after the survivor, is the durable record of the merge in progress: its tick finishes the merge on
    /// whichever silo then hosts this grain, even if nothing else ever calls it again. Merges are rare, so the
    /// two reminder-table writes each costs are not on the per-event path.
    /// </summary>
    private const string FinishMergePrefix = "finish-merge-into:";

    /// <summary>Long enough that a merge in progress has finished and unregistered it; short enough for failover.</summary>
    internal static readonly TimeSpan FinishMergeDue = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FinishMergePeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Evidence changes only a district row's count and last time, so districts hear of it at most once per this
    /// delay per incident instead of once per event (three or more calls each); status changes go at once.
    /// </summary>
    private static readonly TimeSpan RegionRefreshDelay = TimeSpan.FromSeconds(1);

    private readonly IIncidentJournal[] _journals = journals.ToArray();
    private readonly IIncidentChangeListener[] _listeners = listeners.ToArray();
    private readonly IIncidentJournalReader[] _journalReaders = journalReaders.ToArray();
    private bool _journalAsked;
    private readonly IRegionFeed[] _regionFeeds = regionFeeds.ToArray();
    private IGrainTimer? _regionRefresh;

    private IncidentState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Incidents stored before the closed loop existed had only a status: a resolved one counts as closed.
        if (S.Summary is { Status: IncidentStatus.Resolved, Stage: CaseStage.Detected } legacy) S.Summary = legacy with { Stage = CaseStage.Closed };
        return Task.CompletedTask;
    }

    public Task<OpenResult> Open(OpenIncident command) =>
        Start(command.Category, [command.First], command.OwnerCell, by: null, command.Scenario);

    public Task<OpenResult> OpenSplit(SplitIncident command) =>
        Start(command.Category, command.Evidence, ownerCell: null, new Change("split_from", command.Actor, command.Role, null, null, $"{command.Evidence.Length} evidence from {command.ParentId}: {command.Reason}"));

    /// <param name="by">The audit of an operator's split; null for an incident the first evidence opens.</param>
    /// <param name="scenario">The scenario that opens it, with what its action sets instead of the routing table.</param>
    private async Task<OpenResult> Start(string category, Observation[] evidence, string? ownerCell, Change? by, ScenarioOrigin? scenario = null)
    {
        if (S.Summary is { } existing) return new OpenResult(existing, Created: false);
        var first = evidence[0];
        S.Routing = pack.Routing.Route(category, first.Regions, out var listed);
        if (!listed && scenario?.Department is null) unrouted.Record(CategoryKey.Normalize(category));
        if (scenario?.Department is { } department) S.Routing = S.Routing is { } table ? table with { Lead = department, Assisting = [.. table.Assisting.Where(a => a != department)] } : new RoutingDecision(pack.Routing.Version, department, [], null, null);
        S.BaseSeverity = scenario?.Severity ?? S.Routing?.Severity ?? Severity.Normal;
        S.SlaCategory = scenario?.SlaCategory;
        S.OriginSensor = scenario?.SensorMetric is { } metric ? new SensorOrigin(first.PointId, metric) : null;
        S.Evidence = [.. evidence];
        S.RecountIndependence();
        S.Summary = new IncidentSummary(this.GetPrimaryKeyString(), category, IncidentStatus.Open, first.Location, first.Regions, first.ObservedAt,
            evidence.Max(e => e.ObservedAt), evidence.Length,
            Stage: CaseStage.Detected, Department: S.Routing?.Lead, Severity: SeverityRules.Of(S.BaseSeverity, S.Points.Count, S.Kinds.Count),
            ScenarioId: scenario?.ScenarioId, ScenarioVersion: scenario?.Version);
        S.OwnerCell = ownerCell;
        S.CaseVersion = 1;
        SyncClocks();
        var routed = S.Routing is { } r ? $"; routed to {r.Lead} (routing {r.Version})" : "";
        var fired = scenario is null ? "" : $" as scenario {scenario.ScenarioId} v{scenario.Version} fired";
        var change = by is null
            ? new Change("opened", AuditEntry.System, AuditEntry.System, null, null, $"by {first.Key} from point {first.PointId}{fired}{routed}")
            : by with { Detail = by.Detail + routed };
        await Commit(change, evidence);
        await Task.WhenAll(NotifyRegions(), Publish(IncidentChangeKind.Opened, first.Key));
        return new OpenResult(S.Summary, Created: true);
    }

    public async Task<IncidentSummary?> GetSummary()
    {
        await RestoreIfJournalled();
        return S.Summary;
    }

    public async Task<AttachResult> Attach(Observation evidence)
    {
        await RestoreIfJournalled();
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
        RestartQuietPeriod();
        Observation[] added = [evidence];
        await Commit(RaiseSeverity(added), added);
        ScheduleRegionRefresh();
        await Publish(IncidentChangeKind.EvidenceAttached, evidence.Key);
        return new AttachResult(AttachStatus.Attached, LastEvidenceAt: S.Summary.LastEvidenceAt);
    }

    public async Task<bool> Holds(EventKey key)
    {
        await RestoreIfJournalled();
        return S.Summary is not null && HasEvidence(key);
    }

    public async Task SensorReading(Observation reading, bool normal)
    {
        await RestoreIfJournalled();
        if (!normal || S.OriginSensor is not { } sensor || sensor.PointId != reading.PointId || sensor.Metric != reading.Metric) return;
        if (S.Summary is not { Status: IncidentStatus.Open, Stage: CaseStage.Verification } || S.QuietSince is not { } since) return;
        var now = clock.GetUtcNow();
        if (S.SensorNormalAt is { } seen && seen >= since) return;
        S.SensorNormalAt = now;
        RefreshClockFields();
        await Commit(null, []);
    }

    public async Task<bool> Recheck(Observation recheck)
    {
        await RestoreIfJournalled();
        if (S.Summary is not { Status: IncidentStatus.Open, Stage: CaseStage.Verification }) return false;
        // Older than the start of verification or than the latest sighting since: it says nothing of the work done.
        if (S.QuietSince is { } since && recheck.ObservedAt < since) return false;
        if (!S.Points.Contains(recheck.PointId) && !S.Evidence.Exists(e => e.PointId == recheck.PointId)) return false;
        var stillPresent = recheck.StillPresent == true;
        var result = await Step(new CaseCommand(stillPresent ? CaseAction.FailVerification : CaseAction.PassVerification, AuditEntry.System, AuditEntry.System,
            $"recheck {recheck.Key} by point {recheck.PointId} at {recheck.ObservedAt:O}: {(stillPresent ? "still seen" : "no longer seen")}"));
        return result.Status == CaseActStatus.Done;
    }

    public async Task<IncidentView?> Get()
    {
        await RestoreIfJournalled();
        return S.Summary is null
            ? null
            : new IncidentView(S.Summary, S.Evidence.ToArray(), S.Resolution, S.Audit.ToArray(), S.CaseVersion, S.Routing, S.Tasks.ToArray(), S.Evaluation, S.SuspendedFrom, S.Clocks.ToArray());
    }

    public async Task<CaseActResult> Act(CaseCommand command)
    {
        await RestoreIfJournalled();
        if (S.Summary is null) return new CaseActResult(CaseActStatus.NotFound, null, 0, []);
        return command.Action switch
        {
            CaseAction.Merge => await MergeByOperator(command),
            CaseAction.Split => await Split(command),
            _ => await Step(command),
        };
    }

    private async Task<CaseActResult> Step(CaseCommand command)
    {
        var now = clock.GetUtcNow();
        if (CaseSteps.TryApply(S, command, now, out var step) is { } refusal) return refusal;
        if (S.Summary!.Stage == CaseStage.Verification && step!.StageBefore != CaseStage.Verification) S.QuietSince = now;
        else if (S.Summary.Stage is not (CaseStage.Verification or CaseStage.Suspended)) S.QuietSince = null;
        SyncClocks();
        var ended = S.Summary!.Status == IncidentStatus.Resolved && step!.StatusBefore == IncidentStatus.Open;
        var notices = ended ? ReporterNotices(step!.Detail, now) : null;
        await Commit(new Change(step!.AuditKind, command.Actor.Trim(), command.Role.Trim(), step.StatusBefore, step.StageBefore, step.Detail), [], notices);
        await Task.WhenAll(NotifyRegions(), Publish(ended ? IncidentChangeKind.Resolved : IncidentChangeKind.CaseChanged, null, notices));
        if (ended && S.OwnerCell is not null) await GrainFactory.GetGrain<ISpatialCellGrain>(S.OwnerCell).IncidentClosed(S.Summary.Id);
        return Done();
    }

    /// <summary>An operator's merge: the same durable two-step hand-over as the automatic one, audited as theirs.</summary>
    private async Task<CaseActResult> MergeByOperator(CaseCommand command)
    {
        if (CaseSteps.Check(S, command) is { } refusal) return refusal;
        var into = command.Into!.Trim();
        var target = await GrainFactory.GetGrain<IIncidentGrain>(into).GetSummary();
        if (CaseSteps.CheckMergeTarget(S, into, target) is { } targetRefusal) return targetRefusal;
        var unfinished = await this.RegisterOrUpdateReminder(FinishMergePrefix + into, FinishMergeDue, FinishMergePeriod);
        await CompleteMerge(into, command);
        await this.UnregisterReminder(unfinished);
        return Done();
    }

    /// <summary>
    /// An operator's split: the new incident is opened with the evidence first, then this one lets go of it, so a
    /// failure in between leaves the evidence in both (the retry, opening the same new incident, finishes the
    /// split) and never in neither.
    /// </summary>
    private async Task<CaseActResult> Split(CaseCommand command)
    {
        if (CaseSteps.Check(S, command) is { } refusal) return refusal;
        var summary = S.Summary!;
        var keys = command.Evidence!.ToHashSet();
        var moving = S.Evidence.Where(e => keys.Contains(e.Key)).OrderBy(e => e.ObservedAt).ToArray();
        var category = command.Category?.Trim().ToLowerInvariant() ?? summary.Category;
        var childId = IncidentIds.ForSplit(summary.Id, S.Version);
        var reason = command.Reason!.Trim();
        var child = await GrainFactory.GetGrain<IIncidentGrain>(childId)
            .OpenSplit(new SplitIncident(summary.Id, category, moving, command.Actor.Trim(), command.Role.Trim(), reason));

        CaseSteps.TakeEvidence(S, keys);
        SyncClocks();
        var lowered = S.Summary!.Severity < summary.Severity ? $"; severity {summary.Severity.ToString().ToLowerInvariant()} to {S.Summary.Severity.ToString().ToLowerInvariant()}" : "";
        await Commit(new Change("split", command.Actor.Trim(), command.Role.Trim(), summary.Status, summary.Stage, $"{moving.Length} evidence to {childId}: {reason}{lowered}"), []);
        await Task.WhenAll(NotifyRegions(), Publish(IncidentChangeKind.CaseChanged, null));
        return Done() with { SplitOff = child.Incident };
    }

    private CaseActResult Done() => new(CaseActStatus.Done, S.Summary, S.CaseVersion, CaseLifecycle.AllowedActions(S.Summary!));

    public async Task CheckDeadlines()
    {
        await RestoreIfJournalled();
        if (S.Summary is not { Status: IncidentStatus.Open }) return;
        var now = clock.GetUtcNow();
        var fired = false;
        while (S.SuspendedAt is null && SlaClocks.TryFireNext(S.Clocks, now, out var alarm))
        {
            fired = true;
            var summary = S.Summary;
            var detail = $"{alarm!.Stage.ToString().ToLowerInvariant()} deadline {(alarm.Level == SlaLevel.Red ? "missed" : "near")}, due {alarm.DueAt:O}";
            if (alarm.Level == SlaLevel.Red && summary.Escalation < IncidentSummary.EscalatedToCity)
            {
                S.Summary = summary with { Escalation = summary.Escalation + 1 };
                detail += $"; escalated to {EscalationTarget(S.Summary.Escalation)}";
            }

            S.CaseVersion++;
            RefreshClockFields();
            await Commit(new Change(alarm.Level == SlaLevel.Red ? "sla_breached" : "sla_warning", AuditEntry.System, AuditEntry.System, summary.Status, summary.Stage, detail), []);
        }

        if (fired) await Task.WhenAll(NotifyRegions(), Publish(IncidentChangeKind.CaseChanged, null));
        if (AutoVerifyAt() is { } verifyAt && verifyAt <= now)
        {
            var quiet = pack.Sla.QuietPeriodFor(S.Summary.Category)!.Value;
            await Step(new CaseCommand(CaseAction.PassVerification, AuditEntry.System, AuditEntry.System,
                S.OriginSensor is { } sensor
                    ? $"verified automatically: sensor {sensor.PointId} reads {sensor.Metric} normal again (at {S.SensorNormalAt:O}) and no new evidence for {quiet.TotalMinutes:0.##} min since {S.QuietSince:O}"
                    : $"verified automatically: no new evidence for {quiet.TotalMinutes:0.##} min since {S.QuietSince:O}"));
        }
        else if (!fired)
        {
            // Nothing was due by this silo's clock: store the due time again so the index agrees and lets go of it.
            RefreshClockFields();
            await Commit(null, []);
        }
    }

    public async Task MergeInto(string survivorId)
    {
        await RestoreIfJournalled();
        if (S.Summary is not { Status: IncidentStatus.Open } || survivorId == S.Summary.Id) return;
        var unfinished = await this.RegisterOrUpdateReminder(FinishMergePrefix + survivorId, FinishMergeDue, FinishMergePeriod);
        await CompleteMerge(survivorId);
        await this.UnregisterReminder(unfinished);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await RestoreIfJournalled();
        if (reminderName.StartsWith(FinishMergePrefix, StringComparison.Ordinal) && S.Summary is { Status: IncidentStatus.Open })
        {
            await CompleteMerge(reminderName[FinishMergePrefix.Length..]);
        }

        if (await this.GetReminder(reminderName) is { } done) await this.UnregisterReminder(done);
    }

    /// <param name="by">The operator's merge command; null for the automatic merge (and a reminder finishing either).</param>
    private async Task CompleteMerge(string survivorId, CaseCommand? by = null)
    {
        // Hand the evidence over before recording the merge: if this turn fails in between, the reminder retries it
        // and Absorb skips what the survivor already has, so no evidence is ever only in a merged incident.
        var loser = S.Summary!;
        await GrainFactory.GetGrain<IIncidentGrain>(survivorId).Absorb(loser.Id, S.Evidence.ToArray());
        S.Summary = loser with { Status = IncidentStatus.Merged, MergedInto = survivorId, ClosedAt = clock.GetUtcNow() };
        S.CaseVersion++;
        SyncClocks();
        var change = by is null
            ? new Change("merged", AuditEntry.System, AuditEntry.System, IncidentStatus.Open, loser.Stage, $"duplicate of {survivorId}")
            : new Change("merged", by.Actor.Trim(), by.Role.Trim(), IncidentStatus.Open, loser.Stage, $"duplicate of {survivorId}: {by.Reason!.Trim()}");
        await Commit(change, []);
        await Task.WhenAll(NotifyRegions(), Publish(IncidentChangeKind.Merged, null));
    }

    public async Task Absorb(string fromIncidentId, Observation[] evidence)
    {
        // A survivor whose opening was never stored (a crash between the journal and the state write) is rebuilt
        // from the journal first. One that is nowhere (a cell's claim whose opening never reached the journal) must
        // not take the evidence silently: failing keeps the loser open with it, and its merge reminder tries again.
        await RestoreIfJournalled();
        if (S.Summary is null) throw new InvalidOperationException($"incident '{this.GetPrimaryKeyString()}' is not stored yet; it cannot take the evidence of '{fromIncidentId}'");
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
        if (added.Count > 0) RestartQuietPeriod();
        var raised = RaiseSeverity(added);
        await Commit(new Change("absorbed", AuditEntry.System, AuditEntry.System, S.Summary.Status, S.Summary.Stage, raised is null ? fromIncidentId : $"{fromIncidentId}; {raised.Detail}"), added);
        if (added.Count == 0) return;
        ScheduleRegionRefresh();
        await Publish(IncidentChangeKind.EvidenceAttached, null);
    }

    /// <summary>
    /// The other half of <see cref="Commit"/>'s order (journal first, then state): a crash between the two writes of
    /// an incident's opening leaves its read-model row, "opened" audit and evidence in the journal with no grain
    /// state. Lists, region counts, KPIs and the SLA scanner read the journal, so that incident must exist: the first
    /// call that finds no state (its page, an action, its cell's activation, the SLA scan, the state sweep of
    /// unconfirmed rows) rebuilds it from the journal, keeping what was accepted. A lost later change cannot leave
    /// the state empty (every later change starts from a stored state), only one change behind the row, which
    /// the incident's next change overwrites.
    /// <para>
    /// The hot path pays nothing: a stored incident never asks, and an opening call never asks either, since it
    /// writes the same opening again (the incident id is derived from the opening event, and the journal's upserts
    /// are idempotent). Only a call to an incident that has no state asks, once per activation.
    /// </para>
    /// <para>
    /// The rebuilt state is written before the "restored" change is journalled, so that a journal row at version 2
    /// or later always stands on a stored state (see <c>PostgreSqlIncidentJournal</c>'s confirmation).
    /// </para>
    /// </summary>
    private async Task RestoreIfJournalled()
    {
        if (S.Summary is not null || _journalAsked || _journalReaders.Length == 0) return;
        var id = this.GetPrimaryKeyString();
        foreach (var reader in _journalReaders)
        {
            if (await reader.ReadAsync(id, IncidentView.MaxEvidenceKept) is not { } journalled) continue;
            IncidentRestore.Rebuild(S, journalled, pack, clock.GetUtcNow());
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                DeactivateOnIdle();
                throw;
            }

            var summary = S.Summary!;
            logger.LogWarning("Incident {Incident} was journalled (version {Version}) but its state was never stored (a crash between the two writes): rebuilt from the journal", id, summary.Version);
            await Commit(new Change(IncidentRestore.AuditKind, AuditEntry.System, AuditEntry.System, summary.Status, summary.Stage,
                $"state rebuilt from the journal after a crash before it was stored: {S.Evidence.Count} evidence, {S.Audit.Count} audit entries"), []);
            await Task.WhenAll(NotifyRegions(), Publish(IncidentChangeKind.Opened, S.Evidence.Count > 0 ? S.Evidence[0].Key : null));
            return;
        }

        // Not journalled: only this grain writes its own rows, so the answer holds for as long as this activation
        // does. A read that failed is not remembered, and the next call asks again.
        _journalAsked = true;
    }

    /// <summary>
    /// Record a change: the journal first (idempotent upserts, so a retry after a failed state write records
    /// nothing twice), then the grain's own state. Only then are the listeners told, and the change acknowledged or
    /// published, so nothing outside hears of a change that a failed write took back.
    /// </summary>
    /// <param name="change">What to audit; null for new evidence, which the evidence ledger records instead.</param>
    /// <param name="notices">When the case ended: the answers owed to reporters, recorded with the change so they go out once.</param>
    private async Task Commit(Change? change, IReadOnlyList<Observation> newEvidence, ReportNotice[]? notices = null)
    {
        S.Version++;
        S.Summary = S.Summary! with { Version = S.Version };
        AuditEntry? audit = null;
        if (change is not null)
        {
            audit = new AuditEntry(S.Version, clock.GetUtcNow(), change.Kind, change.Actor, change.StatusBefore, S.Summary!.Status, change.Detail, change.Role, change.StageBefore, S.Summary.Stage);
            S.Audit.Add(audit);
        }

        // Only audited changes move a KPI: evidence alone does not.
        var record = new IncidentChangeRecord(S.Summary!, S.Version, audit, newEvidence, audit is null ? null : CaseFactsRules.Of(S), notices);
        try
        {
            foreach (var journal in _journals) await journal.RecordAsync(record);
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is already applied in memory but not stored: let the next call (a retry, a reminder) start
            // from what is stored rather than from a change that never happened.
            DeactivateOnIdle();
            throw;
        }

        // Stored: a listener's failure fails this call but leaves memory and storage agreeing, so no deactivation.
        foreach (var listener in _listeners) await listener.OnStoredAsync(record);
    }

    /// <summary>Start and stop clocks for the case's stage and severity, then refresh the summary's due time.</summary>
    private void SyncClocks()
    {
        var summary = S.Summary!;
        // A merged incident keeps the stage it had, but its clocks stop as if it had closed.
        var stage = summary.Status == IncidentStatus.Merged ? CaseStage.Closed : summary.Stage;
        SlaClocks.Sync(S.Clocks, stage, S.SlaCategory ?? summary.Category, summary.Severity, pack.Sla, clock.GetUtcNow());
        RefreshClockFields();
    }

    private void RefreshClockFields()
    {
        var next = SlaClocks.NextDueAt(S.Clocks, S.SuspendedAt is not null);
        if (AutoVerifyAt() is { } verifyAt && (next is null || verifyAt < next)) next = verifyAt;
        S.Summary = S.Summary! with { NextDueAt = next, Overdue = SlaClocks.IsOverdue(S.Clocks) };
    }

    /// <summary>When a case in verification passes by itself, if its category has a quiet period; null otherwise.</summary>
    /// <summary>
    /// When a case in verification passes by itself, if its category has a quiet period; null otherwise. A case a
    /// sensor's reading opened also needs that sensor to have read normal since verification began: a sensor that
    /// went quiet because it died is no evidence that the problem is gone.
    /// </summary>
    private DateTimeOffset? AutoVerifyAt()
    {
        if (S.Summary!.Stage != CaseStage.Verification || S.QuietSince is not { } since || pack.Sla.QuietPeriodFor(S.Summary.Category) is not { } quiet) return null;
        if (S.OriginSensor is not null && (S.SensorNormalAt is not { } normal || normal < since)) return null;
        return since + quiet;
    }

    /// <summary>New evidence of a case in verification: the problem was seen again, so the quiet period starts over.</summary>
    private void RestartQuietPeriod()
    {
        if (S.Summary!.Stage != CaseStage.Verification) return;
        S.QuietSince = clock.GetUtcNow();
        RefreshClockFields();
    }

    private string EscalationTarget(int escalation)
    {
        var codes = S.Summary!.Regions.Codes;
        return escalation == IncidentSummary.EscalatedToDistrict && codes.Length > 1
            ? $"{pack.Regions.LevelNames[0]} {codes[1]}"
            : $"city {(codes.Length > 0 ? codes[0] : pack.Regions.Root.Code)}";
    }

    /// <summary>One answer per citizen report among the evidence kept (the first and the latest ones).</summary>
    private ReportNotice[]? ReporterNotices(string? note, DateTimeOffset at)
    {
        var summary = S.Summary!;
        var notices = S.Evidence.Where(e => e.Kind == ObservationKind.Report).Select(e => new ReportNotice(e.Key, e.PointId, summary.Id, summary.Stage, note, at)).ToArray();
        return notices.Length == 0 ? null : notices;
    }

    /// <summary>Count the evidence's point and kind as independent confirmation; the audit entry when severity rose, else null.</summary>
    private Change? RaiseSeverity(IReadOnlyList<Observation> added)
    {
        var summary = S.Summary!;
        foreach (var item in added)
        {
            if (S.Points.Count < IncidentState.IndependenceTracked && !S.Points.Contains(item.PointId)) S.Points.Add(item.PointId);
            if (!S.Kinds.Contains(item.Kind)) S.Kinds.Add(item.Kind);
        }

        var severity = SeverityRules.Of(S.BaseSeverity, S.Points.Count, S.Kinds.Count);
        if (severity <= summary.Severity) return null;
        S.Summary = summary with { Severity = severity };
        S.CaseVersion++;
        SyncClocks();
        var detail = $"{summary.Severity.ToString().ToLowerInvariant()} to {severity.ToString().ToLowerInvariant()}: {S.Points.Count} points, {S.Kinds.Count} kinds of observation";
        return new Change("severity_raised", AuditEntry.System, AuditEntry.System, summary.Status, summary.Stage, detail);
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

    private void ScheduleRegionRefresh()
    {
        if (_regionFeeds.Length == 0) return;
        _regionRefresh ??= this.RegisterGrainTimer(RefreshRegions, new GrainTimerCreationOptions(RegionRefreshDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private Task RefreshRegions(CancellationToken cancellationToken)
    {
        _regionRefresh?.Dispose();
        _regionRefresh = null;
        // Sends the summary as it is now, so a refresh that fires after a status change repeats that change.
        return NotifyRegions();
    }

    private Task NotifyRegions()
    {
        return _regionFeeds.Length switch
        {
            0 => Task.CompletedTask,
            1 => _regionFeeds[0].IncidentChanged(S.Summary!),
            _ => Task.WhenAll(_regionFeeds.Select(f => f.IncidentChanged(S.Summary!))),
        };
    }

    private Task Publish(IncidentChangeKind kind, EventKey? cause, ReportNotice[]? notices = null)
    {
        // Handed to this silo's relay in memory, which pushes it to every node's live feed in batches: no grain call
        // on this turn, and no stream queue polled every 100 ms on the way (issue 17). The relay never fails here;
        // a feed that cannot keep up is told how many changes it missed.
        var relay = (CityBrain.Live.LiveChangeRelay)ServiceProvider.GetService(typeof(CityBrain.Live.LiveChangeRelay))!;
        relay.Publish(new IncidentChanged(kind, S.Summary!, cause, notices));
        return Task.CompletedTask;
    }

    /// <summary>An audited change, before it is numbered and timed.</summary>
    private sealed record Change(string Kind, string Actor, string Role, IncidentStatus? StatusBefore, CaseStage? StageBefore, string? Detail);
}
