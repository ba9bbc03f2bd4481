namespace CityBrain.Scenarios;

/// <summary>One scenario's firings in a backtest, by what its action would have done.</summary>
public sealed record BacktestScenarioSummary(string ScenarioId, int Version, int Firings, int Opened, int Attached, int Other);
