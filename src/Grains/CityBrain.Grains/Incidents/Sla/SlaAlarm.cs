namespace CityBrain.Incidents.Sla;

/// <summary>A threshold a clock has just passed.</summary>
public sealed record SlaAlarm(SlaStage Stage, SlaLevel Level, DateTimeOffset DueAt);
