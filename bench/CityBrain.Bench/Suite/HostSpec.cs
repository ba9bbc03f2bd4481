namespace CityBrain.Bench.Suite;

/// <summary>How the suite starts one host.</summary>
/// <param name="SiloDll">The built host, <c>src/Silo/bin/Release/net10.0/CityBrain.Silo.dll</c> by default.</param>
/// <param name="WorkingDirectory">The repository root, as for the commands in docs/benchmarks.md.</param>
/// <param name="Pack">The city pack folder.</param>
/// <param name="ScenarioFolder">Built-in scenario folder (<c>Scenarios:BuiltInFolder</c>), enabled at start.</param>
/// <param name="LogPath">Where the host's console output goes.</param>
/// <param name="KafkaBootstrap">With Kafka: the broker to consume from; null for none.</param>
/// <param name="PostgresConnection">With PostgreSQL storage: its connection string; null for in memory.</param>
public sealed record HostSpec(
    string SiloDll, string WorkingDirectory, string Pack, string ScenarioFolder, string LogPath,
    string? KafkaBootstrap = null, string? PostgresConnection = null);
