using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Packs;

namespace CityBrain.Scenarios;

/// <summary>
/// Runs scenarios over recorded observations with a virtual clock (each observation's own time), the way the
/// cells would, and reports the incidents they would have opened. One area holds the whole city: the windows a
/// cell shares with its neighbours are the same observations, and correlation is the cells' rule. The incidents
/// that observations open by themselves (categories no live scenario takes over) are placed too, since a live
/// firing can join one of them. Differences from a live run: operators are not simulated (nothing is closed
/// during the run), silence is counted from the file's first event (a live silo counts it from its start, by the
/// wall clock), and a live cell keeps at most <see cref="ScenarioWindows.DefaultCapacity"/> observations per
/// kind and topic in its windows, and merges incidents that late evidence makes duplicates. Pure: no grain, no
/// I/O; each run has state of its own, so one instance serves runs side by side.
/// </summary>
public sealed class ScenarioBacktest(CityPack pack)
{
    /// <summary>Big enough for a city's worth of observations in any window a scenario has.</summary>
    private const int CityCapacity = 1_000_000;

    /// <param name="scenarios">The scenarios to try, each as if enabled and live (a shadow or disabled one included).</param>
    /// <param name="stop">Ends the run early (a time budget): what was evaluated so far is reported, <see cref="BacktestReport.Complete"/> false.</param>
    public BacktestReport Run(IReadOnlyList<ScenarioDefinition> scenarios, IEnumerable<Observation> observations, CancellationToken stop = default)
    {
        var catalog = new ScenarioCatalog(scenarios.Select(s => s with { Enabled = true, Mode = ScenarioMode.Live }), revision: 1);
        var windows = new ScenarioWindows(CityCapacity);
        var evaluator = new ScenarioEvaluator(pack.TimeZone);
        var index = new CorrelationIndex(pack.Correlation, CityCapacity);
        var incidents = new Dictionary<string, BacktestIncident>(StringComparer.Ordinal);
        var summaries = catalog.Scenarios.ToDictionary(s => s.Id, s => new BacktestScenarioSummary(s.Id, s.Version, 0, 0, 0, 0), StringComparer.Ordinal);
        var firings = new List<ScenarioFiring>();
        var count = 0;
        DateTimeOffset? from = null, to = null;
        var silences = new SilenceSimulation(pack, catalog);
        var complete = true;
        foreach (var o in observations)
        {
            // Looked at before every observation: one observation over a city's windows can take milliseconds.
            if (stop.IsCancellationRequested)
            {
                complete = false;
                break;
            }

            count++;
            if (from is null || o.ObservedAt < from) from = o.ObservedAt;
            if (to is null || o.ObservedAt > to) to = o.ObservedAt;
            foreach (var outage in silences.AdvanceTo(o.ObservedAt)) Record(outage);
            silences.Heard(o);
            firings.Clear();
            if (catalog.Watches(o.Kind, o.Category)) evaluator.Evaluate(catalog, windows, o, firings);
            if (o.OpensIncidents && !catalog.TakesOver(o.Kind, o.Category)) Place(index, o, scenario: null, incidents);
            foreach (var firing in firings) Record(firing);
        }

        var opened = incidents.Values.Where(i => i.ScenarioId.Length > 0).OrderBy(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray();
        return new BacktestReport(count, from, to, summaries.Values.OrderBy(s => s.ScenarioId, StringComparer.Ordinal).ToArray(), opened, complete);

        void Record(ScenarioFiring firing)
        {
            var summary = summaries[firing.Scenario.Id];
            var action = firing.Scenario.Then;
            var effect = action.Kind switch
            {
                ScenarioActionKind.Open => Place(index, ScenarioEvidence.Of(firing), firing.Scenario, incidents),
                ScenarioActionKind.Attach or ScenarioActionKind.Escalate => index.FindWithinRadius(action.Category, firing.Trigger.Location).Count > 0 ? Effect.Attached : Effect.Other,
                _ => Effect.Other,
            };
            summaries[summary.ScenarioId] = summary with
            {
                Firings = summary.Firings + 1,
                Opened = summary.Opened + (effect == Effect.Opened ? 1 : 0),
                Attached = summary.Attached + (effect == Effect.Attached ? 1 : 0),
                Other = summary.Other + (effect == Effect.Other ? 1 : 0),
            };
        }
    }

    private enum Effect { Opened, Attached, Other }

    /// <summary>Correlate as a cell does: join the nearest matching open incident, or open one under the id a cell would give it.</summary>
    private static Effect Place(CorrelationIndex index, Observation evidence, ScenarioDefinition? scenario, Dictionary<string, BacktestIncident> incidents)
    {
        if (index.FindMatch(evidence.Category, evidence.Kind, evidence.Location, evidence.ObservedAt) is { } match)
        {
            index.Touch(match.Id, evidence.ObservedAt);
            var joined = incidents[match.Id];
            incidents[match.Id] = joined with { Evidence = joined.Evidence + 1, LastEvidenceAt = evidence.ObservedAt > joined.LastEvidenceAt ? evidence.ObservedAt : joined.LastEvidenceAt };
            return Effect.Attached;
        }

        var id = IncidentIds.For(evidence.Key);
        index.AddOwn(new CellIncident(id, evidence.Category, evidence.Location, evidence.ObservedAt, evidence.ObservedAt, "backtest"));
        incidents[id] = new BacktestIncident(id, scenario?.Id ?? "", scenario?.Version ?? 0, evidence.Category, evidence.Location, evidence.Regions, evidence.ObservedAt, evidence.ObservedAt, 1);
        return Effect.Opened;
    }
}
