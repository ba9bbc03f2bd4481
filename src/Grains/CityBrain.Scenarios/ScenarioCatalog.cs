using System.Collections.Frozen;
using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>
/// The enabled scenarios of a city, compiled together and indexed by what can trigger them: an observation whose
/// kind and topic no scenario names costs one dictionary lookup, however many scenarios there are. Immutable and
/// thread-safe; a change of any scenario makes a new catalog with a higher <see cref="Revision"/>.
/// </summary>
public sealed class ScenarioCatalog
{
    public static readonly ScenarioCatalog Empty = new([], 0);

    private readonly FrozenDictionary<(ObservationKind, string), Trigger[]> _triggers;
    private readonly FrozenDictionary<(ObservationKind, string), Keeping> _keeping;

    /// <summary>A scenario and one of its observation filters on a kind and topic; windowed when a count or group looks back for it.</summary>
    /// <param name="Evaluates">Whether a match makes the scenario a candidate; a C# handler's watches only keep observations for it.</param>
    internal readonly record struct Trigger(int Scenario, EventMatch Match, bool Windowed, bool Evaluates = true);

    /// <summary>
    /// How long windows keep observations of a kind and topic, how far cells share them, whether any count or
    /// group looks back at them at all, and which sustained runs they feed (by reference: a condition object
    /// belongs to one scenario of one catalog).
    /// </summary>
    internal sealed record Keeping(TimeSpan LookBack, double ReachMeters, bool Windowed, SustainedCondition[] Runs);

    public ScenarioCatalog(IEnumerable<ScenarioDefinition> definitions, long revision)
    {
        Revision = revision;
        Scenarios = definitions.Where(d => d.Enabled).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var triggers = new Dictionary<(ObservationKind, string), List<Trigger>>();
        var keeping = new Dictionary<(ObservationKind, string), (TimeSpan LookBack, double Reach, bool Windowed, List<SustainedCondition> Runs)>();
        for (var s = 0; s < Scenarios.Count; s++) Visit(Scenarios[s].When, inGroup: null, s);

        _triggers = triggers.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
        _keeping = keeping.ToFrozenDictionary(p => p.Key, p => new Keeping(p.Value.LookBack, p.Value.Reach, p.Value.Windowed, p.Value.Runs.ToArray()));
        Silences = Scenarios.Where(d => d.When is SilenceCondition).ToArray();
        TakenOver = Scenarios.Where(d => d.Mode == ScenarioMode.Live)
            .SelectMany(d => d.TakenOverCategories.Select(category => (Category: category, Scenario: d)))
            .GroupBy(p => p.Category, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<ScenarioDefinition>)g.Select(p => p.Scenario).ToArray(), StringComparer.Ordinal);
        return;

        void Visit(ScenarioCondition condition, GroupCondition? inGroup, int scenario)
        {
            switch (condition)
            {
                case EventMatch match:
                    Index(match, scenario, inGroup is null ? null : (inGroup.Within, inGroup.RadiusMeters), null);
                    break;
                case CountCondition count:
                    Index(count.Of, scenario, (count.Within, count.RadiusMeters), null);
                    break;
                case SustainedCondition sustained:
                    Index(sustained.Of, scenario, null, sustained);
                    break;
                case GroupCondition group:
                    foreach (var member in group.Members) Visit(member, group, scenario);
                    break;
                case HandlerCondition handler:
                    foreach (var trigger in handler.Triggers) Index(trigger, scenario, null, null);
                    foreach (var watch in handler.Watches) Index(watch.Of, scenario, (watch.Within, watch.RadiusMeters), null, evaluates: false);
                    break;
            }
        }

        void Index(EventMatch match, int scenario, (TimeSpan Within, double Radius)? window, SustainedCondition? run, bool evaluates = true)
        {
            foreach (var topic in match.Categories)
            {
                var key = (match.Kind, topic);
                if (!triggers.TryGetValue(key, out var list)) triggers[key] = list = [];
                list.Add(new Trigger(scenario, match, window is not null, evaluates));
                var entry = keeping.GetValueOrDefault(key, (TimeSpan.Zero, 0, false, new List<SustainedCondition>()));
                if (window is { } w) entry = (w.Within > entry.LookBack ? w.Within : entry.LookBack, Math.Max(w.Radius, entry.Reach), true, entry.Runs);
                if (run is not null) entry.Runs.Add(run);
                keeping[key] = entry;
            }
        }
    }

    /// <summary>Counts the scenarios' changes: a cell seeing a new revision starts its windows afresh.</summary>
    public long Revision { get; }

    /// <summary>The enabled scenarios, by id.</summary>
    public IReadOnlyList<ScenarioDefinition> Scenarios { get; }

    /// <summary>The enabled scenarios whose condition is a <see cref="SilenceCondition"/>: points watch their own silence for them.</summary>
    public IReadOnlyList<ScenarioDefinition> Silences { get; }

    /// <summary>Whether any scenario looks at observations of this kind and topic.</summary>
    public bool Watches(ObservationKind kind, string topic) => _triggers.ContainsKey((kind, topic));

    /// <summary>
    /// Per detection category, the live scenarios that take over its opening (their open action says
    /// <c>takesOverOpening</c>), by id; a category no scenario holds is absent.
    /// </summary>
    public FrozenDictionary<string, IReadOnlyList<ScenarioDefinition>> TakenOver { get; }

    /// <summary>
    /// Whether observations of this kind and topic go to scenarios instead of opening incidents by themselves: camera
    /// detections of a category that a live scenario explicitly takes over (one crowd detection opens nothing when
    /// the scenario wants three). Only when a definition says so: a scenario that merely watches a category leaves
    /// its detections to open incidents. Citizen reports are never taken over: every one is owed an answer.
    /// </summary>
    public bool TakesOver(ObservationKind kind, string topic) => kind == ObservationKind.Detection && TakenOver.ContainsKey(topic);

    internal bool TryGetTriggers(ObservationKind kind, string topic, out Trigger[] triggers) => _triggers.TryGetValue((kind, topic), out triggers!);

    internal Keeping? KeepingOf(ObservationKind kind, string topic) => _keeping.GetValueOrDefault((kind, topic));

    /// <summary>
    /// How far from an observation of this kind and topic some scenario looks for it: a cell shares the observation
    /// with the neighbours within that distance, so each cell's windows hold everything near its own area.
    /// </summary>
    public double ReachMeters(ObservationKind kind, string topic) => KeepingOf(kind, topic)?.ReachMeters ?? 0;
}
