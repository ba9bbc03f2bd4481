namespace CityBrain.Scenarios;

/// <summary>What a C# handler wants kept for it: observations matching <paramref name="Of"/> within <paramref name="RadiusMeters"/> and <paramref name="Within"/>.</summary>
public sealed record HandlerWatch(EventMatch Of, TimeSpan Within, double RadiusMeters);
