namespace CityBrain.Scenarios;

/// <summary>
/// A condition of a scenario, evaluated when an observation arrives (the trigger), relative to where and when it
/// was observed (the anchor). Every condition tree has at least one <see cref="EventMatch"/>; a scenario is only
/// evaluated for an observation that matches one of them.
/// </summary>
public abstract record ScenarioCondition
{
    /// <summary>Every observation filter in the tree, in document order.</summary>
    public abstract IEnumerable<EventMatch> Matches();

    /// <summary>How long this condition looks back from the anchor: what windows must keep.</summary>
    public abstract TimeSpan LookBack { get; }

    /// <summary>How far from the anchor this condition looks: what cells must share with neighbours.</summary>
    public abstract double ReachMeters { get; }
}
