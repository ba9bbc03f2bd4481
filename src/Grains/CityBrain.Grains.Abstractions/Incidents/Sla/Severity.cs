namespace CityBrain.Incidents.Sla;

/// <summary>How serious an incident is. Deadlines may differ by severity. The numeric values are persisted.</summary>
public enum Severity
{
    /// <summary>The lowest level.</summary>
    Low = 0,

    /// <summary>The usual base level, and the default.</summary>
    Normal = 1,

    /// <summary>One level above normal; independent evidence raises an incident a level at a time (see the severity rules).</summary>
    High = 2,

    /// <summary>The highest level; further evidence raises it no more.</summary>
    Critical = 3,
}
