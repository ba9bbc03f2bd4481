using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>
/// Evaluates a catalog's scenarios for one observation against the windows of its area. Pure: the same catalog,
/// windows and observations in the same order give the same firings, in a cell or in a backtest. Time is the
/// observations' own (<see cref="Observation.ObservedAt"/>), never a clock, so a replay of a recorded file fires
/// as the live run did. Windows look back from the trigger's time: a member of a count or group holds for
/// observations made in the window up to the trigger, both ends inclusive, within its radius (inclusive).
/// One evaluator serves one area at a time; its scratch buffers make it not thread-safe.
/// </summary>
/// <param name="onHandlerFailure">Told of a C# handler that threw (the scenario, the exception); the handler's scenario then does not fire.</param>
public sealed class ScenarioEvaluator(TimeZoneInfo timeZone, Action<ScenarioDefinition, Exception>? onHandlerFailure = null)
{
    private readonly List<int> _candidates = [];
    private readonly HashSet<string> _points = new(StringComparer.Ordinal);
    private readonly List<ScenarioWindows.Run> _runsHeld = [];

    /// <summary>Remember and evaluate an observation of this area; appends what fired to <paramref name="firings"/>.</summary>
    /// <returns>The observation as remembered, if some count or group looks back for it (a cell shares it with its neighbours); null otherwise.</returns>
    public ScenarioWindows.Remembered? Evaluate(ScenarioCatalog catalog, ScenarioWindows windows, Observation o, List<ScenarioFiring> firings)
    {
        windows.Follow(catalog);
        if (!catalog.TryGetTriggers(o.Kind, o.Category, out var triggers)) return null;
        var keeping = catalog.KeepingOf(o.Kind, o.Category)!;
        var remembered = new ScenarioWindows.Remembered(o, o.Kind == ObservationKind.Reading ? windows.TakeRate(o) : null, LocalTimeOf(o));

        _candidates.Clear();
        var keep = false;
        foreach (var trigger in triggers)
        {
            if (!Matches(trigger.Match, remembered)) continue;
            keep |= trigger.Windowed;
            if (trigger.Evaluates && !_candidates.Contains(trigger.Scenario)) _candidates.Add(trigger.Scenario);
        }

        foreach (var run in keeping.Runs) windows.Advance(run, o, Matches(run.Of, remembered));
        if (keep) windows.Remember(remembered, keeping.LookBack);

        _candidates.Sort();
        foreach (var index in _candidates)
        {
            var scenario = catalog.Scenarios[index];
            if (!scenario.Covers(o.Regions)) continue;
            _runsHeld.Clear();
            var supporting = scenario.When is HandlerCondition handler ? AskHandler(scenario, handler, remembered, windows) : Holds(scenario.When, remembered, windows, group: null);
            if (supporting == 0) continue;
            foreach (var run in _runsHeld) run.Fired = true;
            firings.Add(new ScenarioFiring(scenario, o, supporting));
        }

        return keep ? remembered : null;
    }

    /// <summary>A neighbour's observation near this area, for this area's windows only (its own cell evaluated it).</summary>
    public static void RememberShared(ScenarioCatalog catalog, ScenarioWindows windows, ScenarioWindows.Remembered shared)
    {
        windows.Follow(catalog);
        var o = shared.Observation;
        if (catalog.KeepingOf(o.Kind, o.Category) is not { Windowed: true } keeping || windows.Holds(o)) return;
        windows.Remember(shared, keeping.LookBack);
    }

    /// <summary>How many observations support the condition at the trigger; 0 when it does not hold.</summary>
    private int Holds(ScenarioCondition condition, ScenarioWindows.Remembered trigger, ScenarioWindows windows, GroupCondition? group)
    {
        var anchor = trigger.Observation;
        switch (condition)
        {
            case EventMatch match when group is null:
                // At the root, or in a group without radius and window, an observation filter is about the trigger.
                return Matches(match, trigger) ? 1 : 0;
            case EventMatch match:
                return Nearby(match, anchor, windows, group.RadiusMeters, group.Within, countPoints: false) > 0 ? 1 : 0;
            case CountCondition count:
                var seen = Nearby(count.Of, anchor, windows, count.RadiusMeters, count.Within, count.DistinctPoints);
                return seen >= count.AtLeast ? seen : 0;
            case SustainedCondition sustained:
                if (windows.RunOf(sustained, anchor.PointId) is not { Fired: false } run || run.LastMatch != anchor.ObservedAt) return 0;
                if (run.LastMatch - run.Start < sustained.For) return 0;
                _runsHeld.Add(run);
                return 1;
            case GroupCondition { Kind: GroupKind.Sequence } sequence:
                return InSequence(sequence, trigger, windows);
            case GroupCondition { Kind: GroupKind.All } all:
                var total = 0;
                foreach (var member in all.Members)
                {
                    var held = Holds(member, trigger, windows, Windowed(all));
                    if (held == 0) return 0;
                    total += held;
                }

                return total;
            case GroupCondition any:
                foreach (var member in any.Members)
                {
                    var held = Holds(member, trigger, windows, Windowed(any));
                    if (held > 0) return held;
                }

                return 0;
            default:
                return 0;
        }
    }

    private int AskHandler(ScenarioDefinition scenario, HandlerCondition condition, ScenarioWindows.Remembered trigger, ScenarioWindows windows)
    {
        try
        {
            return Math.Max(0, condition.Handler.Evaluate(new HandlerContext(condition, trigger, windows)));
        }
        catch (Exception e)
        {
            // Someone else's code: a failure must not cost the observation its correlation, nor other scenarios theirs.
            onHandlerFailure?.Invoke(scenario, e);
            return 0;
        }
    }

    private sealed class HandlerContext(HandlerCondition condition, ScenarioWindows.Remembered trigger, ScenarioWindows windows) : ScenarioHandlerContext
    {
        public override Observation Trigger => trigger.Observation;

        public override double? RatePerMinute => trigger.RatePerMinute;

        public override DateTime LocalTime => trigger.LocalTime;

        public override IReadOnlyList<Observation> Recent(ObservationKind kind, string topic)
        {
            var found = new List<Observation>();
            var anchor = trigger.Observation;
            foreach (var candidate in windows.Recent(kind, topic))
            {
                var o = candidate.Observation;
                foreach (var watch in condition.Watches)
                {
                    if (o.ObservedAt < SaturatingTime.Minus(anchor.ObservedAt, watch.Within) || o.ObservedAt > anchor.ObservedAt || o.Location.DistanceMetersTo(anchor.Location) > watch.RadiusMeters || !ScenarioEvaluator.Matches(watch.Of, candidate)) continue;
                    found.Add(o);
                    break;
                }
            }

            return found;
        }
    }

    /// <summary>A group without radius and window puts its members' filters on the trigger alone.</summary>
    private static GroupCondition? Windowed(GroupCondition group) => group.RadiusMeters > 0 || group.Within > TimeSpan.Zero ? group : null;

    /// <summary>Observations (or distinct points) matching within the radius and the window up to the anchor.</summary>
    private int Nearby(EventMatch match, Observation anchor, ScenarioWindows windows, double radiusMeters, TimeSpan within, bool countPoints)
    {
        var from = SaturatingTime.Minus(anchor.ObservedAt, within);
        var count = 0;
        _points.Clear();
        foreach (var topic in match.Categories)
        {
            foreach (var candidate in windows.Recent(match.Kind, topic))
            {
                var o = candidate.Observation;
                if (o.ObservedAt < from || o.ObservedAt > anchor.ObservedAt) continue;
                if (o.Location.DistanceMetersTo(anchor.Location) > radiusMeters || !Matches(match, candidate)) continue;
                if (countPoints && !_points.Add(o.PointId)) continue;
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The trigger matches the last member; each earlier member is matched by a different observation made no
    /// later than the next one's, all within the radius and the window up to the trigger. The latest such
    /// observation is taken for each step, which finds a sequence whenever one exists.
    /// </summary>
    private static int InSequence(GroupCondition sequence, ScenarioWindows.Remembered trigger, ScenarioWindows windows)
    {
        var anchor = trigger.Observation;
        var members = sequence.Members;
        if (!Matches((EventMatch)members[^1], trigger)) return 0;
        var from = SaturatingTime.Minus(anchor.ObservedAt, sequence.Within);
        var before = anchor.ObservedAt;
        var used = anchor.Key;
        for (var step = members.Count - 2; step >= 0; step--)
        {
            var match = (EventMatch)members[step];
            ScenarioWindows.Remembered? best = null;
            foreach (var topic in match.Categories)
            {
                foreach (var candidate in windows.Recent(match.Kind, topic))
                {
                    var o = candidate.Observation;
                    if (o.ObservedAt < from || o.ObservedAt > before || o.Key == used) continue;
                    if (best is { } b && o.ObservedAt <= b.Observation.ObservedAt) continue;
                    if (o.Location.DistanceMetersTo(anchor.Location) > sequence.RadiusMeters || !Matches(match, candidate)) continue;
                    best = candidate;
                }
            }

            if (best is not { } found) return 0;
            before = found.Observation.ObservedAt;
            used = found.Observation.Key;
        }

        return members.Count;
    }

    /// <summary>When the observation was made, in the city's local time.</summary>
    public DateTime LocalTimeOf(Observation o) => SaturatingTime.LocalTime(o.ObservedAt, timeZone);

    internal static bool Matches(EventMatch match, ScenarioWindows.Remembered remembered)
    {
        var o = remembered.Observation;
        if (o.Kind != match.Kind || !Contains(match.Categories, o.Category)) return false;
        if (match.Value is { } value && (o.Value is not { } v || !value.Contains(v))) return false;
        if (match.Confidence is { } confidence && (o.Confidence is not { } c || !confidence.Contains(c))) return false;
        if (match.RatePerMinute is { } rate && (remembered.RatePerMinute is not { } r || !rate.Contains(r))) return false;
        if (match.Where is { } where && !where.Contains(o.Location, o.Regions)) return false;
        if (match.LocalTime is null && match.Days is null) return true;
        var local = remembered.LocalTime;
        if (match.LocalTime is { } window && !window.Contains(TimeOnly.FromDateTime(local))) return false;
        return match.Days is not { } days || days.Contains(local.DayOfWeek);
    }

    private static bool Contains(IReadOnlyList<string> topics, string topic)
    {
        for (var i = 0; i < topics.Count; i++)
        {
            if (string.Equals(topics[i], topic, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
