namespace CityBrain.Api.Endpoints;

/// <summary>One taken-over category and who holds it.</summary>
public sealed record TakeoverDto(string Category, IReadOnlyList<TakeoverHolderDto> Scenarios);
