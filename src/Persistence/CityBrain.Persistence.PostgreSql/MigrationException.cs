namespace CityBrain.Persistence;

/// <summary>A migration that could not be applied; the message names the migration, the statement and its line.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
