namespace CityBrain.Api.Endpoints;

/// <summary>A line of the recorded file that is not a valid event: its number (1-based), the field at fault and why.</summary>
public sealed record BacktestRefusal(int Line, string Field, string Reason);
