namespace CityBrain;

/// <summary>Names of Orleans providers and streams. Permanent once shipped: stored data refers to them.</summary>
public static class StreamNames
{
    /// <summary>The stream provider carrying incident changes.</summary>
    public const string Provider = "citybrain";

    /// <summary>Stream namespace of incident changes; the stream key is the incident's first-level region code.</summary>
    public const string IncidentsNamespace = "incidents";

    /// <summary>Stream namespace of scenario notifications (<c>notify</c> actions); the key is the trigger's first-level region code.</summary>
    public const string ScenarioNoticesNamespace = "scenario-notices";

    /// <summary>Stream key for incidents without any region.</summary>
    public const string NoRegionKey = "-";
}
