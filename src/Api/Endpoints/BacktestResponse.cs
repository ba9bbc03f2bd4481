using CityBrain.Scenarios;

namespace CityBrain.Api.Endpoints;

/// <summary>A backtest's answer: the report, and the recorded lines that are not valid events (counted, the first ones named).</summary>
/// <param name="CutShort">Null for a whole run; otherwise why and where it stopped (the time budget), and <c>Report.Complete</c> is false.</param>
public sealed record BacktestResponse(BacktestReport Report, int RefusedLines, IReadOnlyList<BacktestRefusal> Refused, string? CutShort = null);
