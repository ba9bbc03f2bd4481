namespace CityBrain.Scenarios;

/// <summary>What the scenarios would have done over the observations: no incident, stream or record was touched.</summary>
/// <param name="Observations">Observations evaluated, in file order.</param>
/// <param name="From">The earliest observation time evaluated; null for none.</param>
/// <param name="To">The latest observation time evaluated; null for none.</param>
/// <param name="Complete">False when the run was stopped (its time budget ran out) before the last observation: the report covers the first <paramref name="Observations"/>.</param>
public sealed record BacktestReport(int Observations, DateTimeOffset? From, DateTimeOffset? To, BacktestScenarioSummary[] Scenarios, BacktestIncident[] Incidents, bool Complete = true);
