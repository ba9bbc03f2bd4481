namespace CityBrain.Api.Endpoints;

/// <summary>One field at fault in a refused event: a JSON path and the reason.</summary>
public sealed record EventFieldError(string Field, string Reason);
