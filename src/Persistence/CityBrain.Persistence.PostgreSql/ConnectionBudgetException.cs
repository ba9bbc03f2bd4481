namespace CityBrain.Persistence;

/// <summary>A node refused to start because its cluster's connection pools do not fit its PostgreSQL server (<see cref="ConnectionBudget"/>).</summary>
public sealed class ConnectionBudgetException(string message) : Exception(message);
