using CityBrain.Incidents.Routing;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;

namespace CityBrain.Incidents;

/// <summary>
/// Rebuilds an incident's state from its journal, for the crash between <see cref="IIncidentJournal"/>'s write and
/// the grain state's (see <c>IncidentGrain.Commit</c>). That window can only lose a state that was never stored
/// at all, the opening: every later change starts from a stored state, so a lost later change leaves the state one
/// change behind, never empty. What an opening sets is all in the journal (the row, the "opened" or "split_from"
/// audit, the evidence ledger) or follows from the pack (routing, SLA clocks, the owning cell), except what a
/// scenario's action set beyond the row (an SLA category of another category, the sensor whose normal reading
/// verifies the case): such a case runs on its own category's SLA and is verified by an operator or a recheck.
/// </summary>
public static class IncidentRestore
{
    /// <summary>Audit kind of the change that records the restoration.</summary>
    public const string AuditKind = "restored";

    /// <summary>Fill <paramref name="state"/> (empty: never stored) from <paramref name="journalled"/>.</summary>
    /// <param name="now">When the SLA clocks start if the journal has no audit entry to date them.</param>
    public static void Rebuild(IncidentState state, JournalledIncident journalled, CityPack pack, DateTimeOffset now)
    {
        var summary = journalled.Summary;
        state.Evidence = [.. journalled.Evidence.Take(IncidentView.MaxEvidenceKept)];
        state.Audit = [.. journalled.Audit];
        state.Version = summary.Version;
        state.RecountIndependence();
        var routing = pack.Routing.Route(summary.Category, summary.Regions);
        // A scenario's action may have named another lead department: the row keeps whoever leads.
        state.Routing = summary.Department is not { } lead || routing?.Lead == lead
            ? routing
            : routing is { } table ? table with { Lead = lead, Assisting = [.. table.Assisting.Where(a => a != lead)] } : new RoutingDecision(pack.Routing.Version, lead, [], null, null);
        state.BaseSeverity = summary.ScenarioId is null ? routing?.Severity ?? Severity.Normal : summary.Severity;
        // An operator's split has no owning cell; an incident an observation opened belongs to that observation's cell.
        var split = state.Audit.Count > 0 && state.Audit[0].Kind == "split_from";
        state.OwnerCell = split || state.Evidence.Count == 0 ? null : pack.Cells.CellOf(state.Evidence[0].Location).GrainKey;
        // Absorbing evidence is audited but is no case change: it does not move the API's concurrency token.
        state.CaseVersion = Math.Max(1, state.Audit.Count(a => a.Kind != "absorbed"));
        var clocksFrom = state.Audit.Count > 0 ? state.Audit[^1].At : now;
        SlaClocks.Sync(state.Clocks, summary.Stage, summary.Category, summary.Severity, pack.Sla, clocksFrom);
        state.Summary = summary with { EvidenceCount = Math.Max(summary.EvidenceCount, state.Evidence.Count) };
    }
}
