namespace CityBrain.Spatial;

/// <summary>
/// When two reports of one category are the same incident: within <paramref name="RadiusMeters"/> (inclusive)
/// and within <paramref name="Window"/> (inclusive) of the incident's evidence in time.
/// </summary>
public sealed record CorrelationRule(double RadiusMeters, TimeSpan Window);
