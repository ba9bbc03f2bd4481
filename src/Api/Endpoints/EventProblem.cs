namespace CityBrain.Api.Endpoints;

/// <summary>One refused event of a posted batch.</summary>
public sealed record EventProblem(int Index, string Field, string Reason, string? EventId);
