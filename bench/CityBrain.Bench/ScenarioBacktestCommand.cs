using System.Globalization;
using System.Text;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Microsoft.Extensions.Options;

namespace CityBrain.Bench;

/// <summary>
/// backtest: scenario definitions run over a recorded NDJSON event file with a virtual clock, offline (no host,
/// no broker): how many incidents each would have opened, where and when. The same evaluation as
/// <c>POST /api/scenarios/{id}/backtest</c>, for a designer trying a definition before saving it.
/// </summary>
public static class ScenarioBacktestCommand
{
    public static readonly string[] ValueOptions = ["pack", "scenario", "events", "json", "handlers"];

    private static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(CommandOptions options)
    {
        var pack = CityPackLoader.Load(options.Required("pack"));
        var handlers = options.Optional("handlers") is { } paths ? ScenarioHandlerTypes.Load(paths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : ScenarioHandlerTypes.None;
        var parser = new ScenarioParser(pack, handlers);
        var definitions = new List<ScenarioDefinition>();
        foreach (var file in options.Required("scenario").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                definitions.Add(parser.Parse(File.ReadAllText(file), version: 1));
            }
            catch (ScenarioDefinitionException e)
            {
                throw new BenchException($"{file}: {e.Message}");
            }
        }

        // The host's defaults: a recording is judged by the same time and string rules as live events.
        var normalizer = new EventNormalizer(pack, TimeProvider.System, Options.Create(new IngestOptions()));
        var observations = new List<Observation>();
        var refused = 0;
        var line = 0;
        foreach (var text in File.ReadLines(options.Required("events")))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var result = normalizer.Normalize(Encoding.UTF8.GetBytes(text));
            if (result.Observation is { } observation) observations.Add(observation);
            else if (refused++ < 5) Console.Error.WriteLine($"backtest: line {line} refused: {result.Error!.Field}: {result.Error.Reason}");
        }

        var report = new ScenarioBacktest(pack).Run(definitions, observations);
        Console.WriteLine(FormattableString.Invariant($"backtest: {report.Observations} events ({refused} refused) from {report.From:O} to {report.To:O}"));
        foreach (var scenario in report.Scenarios)
        {
            Console.WriteLine(FormattableString.Invariant($"  {scenario.ScenarioId} v{scenario.Version}: {scenario.Firings} firings, {scenario.Opened} incidents opened, {scenario.Attached} joined an open one, {scenario.Other} other"));
        }

        foreach (var incident in report.Incidents.Take(20))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"  {incident.Id} {incident.Category} at {incident.Location} in {string.Join('/', incident.Regions.Codes)}, {incident.OpenedAt:O}..{incident.LastEvidenceAt:O}, {incident.Evidence} firings"));
        }

        if (report.Incidents.Length > 20) Console.WriteLine($"  … {report.Incidents.Length - 20} more (--json writes them all)");
        if (options.Optional("json") is { } json) AtomicFile.Write(json, stream => JsonSerializer.Serialize(stream, report, JsonOut));
        return ExitCodes.Success;
    }
}
