namespace CityBrain.Incidents.Sla;

/// <summary>How far a clock has run. The numeric values are persisted.</summary>
public enum SlaLevel
{
    /// <summary>Before the warning.</summary>
    Green = 0,

    /// <summary>Past the warning fraction of its time.</summary>
    Yellow = 1,

    /// <summary>Past its deadline.</summary>
    Red = 2,
}
