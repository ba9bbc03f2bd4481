using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>A firing as evidence of an incident: the trigger's place and time, under a key derived from the trigger's.</summary>
public static class ScenarioEvidence
{
    /// <summary>The source of a scenario's evidence: <c>scenario/{id}</c>; the event id is the trigger's <c>source/id</c>.</summary>
    public static string SourceOf(string scenarioId) => $"scenario/{scenarioId}";

    public static Observation Of(ScenarioFiring firing)
    {
        var trigger = firing.Trigger;
        var scenario = firing.Scenario;
        return new Observation(
            new EventKey(SourceOf(scenario.Id), $"{trigger.Key.Source}/{trigger.Key.Id}"),
            trigger.PointId,
            ObservationKind.Scenario,
            scenario.Then.Category,
            trigger.Location,
            trigger.ObservedAt,
            trigger.Regions,
            trigger.Value,
            trigger.Unit,
            $"{scenario.Name}: scenario {scenario.Id} v{scenario.Version} fired on {trigger.Key} ({firing.Supporting} observations)",
            trigger.Redelivered,
            Confidence: trigger.Confidence);
    }

    /// <summary>What the action does, in words, for the firing record (and, in shadow mode, what it would have done).</summary>
    public static string Describe(ScenarioAction action) => action.Kind switch
    {
        ScenarioActionKind.Open => $"open {action.Category}" + (action.Severity is { } s ? $" ({s.ToString().ToLowerInvariant()})" : "") + (action.Department is { } d ? $" for {d}" : ""),
        ScenarioActionKind.Attach => $"attach to {action.Category}",
        ScenarioActionKind.Escalate => $"escalate {action.Category}",
        _ => $"notify {action.NotificationType}",
    };
}
