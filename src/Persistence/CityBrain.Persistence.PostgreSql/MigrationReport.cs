namespace CityBrain.Persistence;

/// <summary>What a migration run did.</summary>
public sealed record MigrationReport(IReadOnlyList<string> Applied, int AlreadyApplied);
