using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Scenarios;

namespace CityBrain.UnitTests.Scenarios;

/// <summary>Feeds observations, in order, to scenarios of the twin test pack, as one cell would, and collects what fires.</summary>
internal sealed class ScenarioRun
{
    public static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Inside district B, away from its borders.</summary>
    public static readonly GeoPoint Here = new(10.03, 50.01);

    private readonly ScenarioCatalog _catalog;
    private readonly ScenarioWindows _windows = new();
    private readonly ScenarioEvaluator _evaluator;
    private int _next;

    public ScenarioRun(TimeZoneInfo? timeZone, params ScenarioDefinition[] scenarios)
    {
        _catalog = new ScenarioCatalog(scenarios, revision: 1);
        _evaluator = new ScenarioEvaluator(timeZone ?? Twin.TimeZone);
    }

    public static ScenarioDefinition BuiltIn(string id) =>
        new ScenarioParser(Twin).Parse(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, $"{id}.json")), version: 1);

    public static ScenarioDefinition FromJson(string json) => new ScenarioParser(Twin).Parse(json, version: 1);

    public static ScenarioRun Of(string builtIn, TimeZoneInfo? timeZone = null) => new(timeZone, BuiltIn(builtIn));

    public List<ScenarioFiring> Feed(params Observation[] observations)
    {
        var firings = new List<ScenarioFiring>();
        foreach (var o in observations) _evaluator.Evaluate(_catalog, _windows, o, firings);
        return firings;
    }

    /// <summary>How many of the observations fired something, fed one by one.</summary>
    public int FiringsOf(params Observation[] observations) => Feed(observations).Count;

    public Observation Detection(string point, double minutes, string category, double? confidence = 0.9, double eastMeters = 0, double northMeters = 0) =>
        Make(point, ObservationKind.Detection, category, minutes, confidence, eastMeters, northMeters);

    public Observation Reading(string point, double minutes, string metric, double value, double eastMeters = 0, double northMeters = 0) =>
        Make(point, ObservationKind.Reading, metric, minutes, value, eastMeters, northMeters);

    public Observation Report(string point, double minutes, string category, double eastMeters = 0, double northMeters = 0) =>
        Make(point, ObservationKind.Report, category, minutes, null, eastMeters, northMeters);

    /// <summary>An observation at a local time of the given day in <paramref name="zone"/>.</summary>
    public Observation ReadingAtLocal(string point, TimeZoneInfo zone, DateTime local, string metric, double value)
    {
        var at = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return Make(point, ObservationKind.Reading, metric, (at - T0).TotalMinutes, value, 0, 0);
    }

    /// <param name="value">A reading's value, or another kind's confidence.</param>
    private Observation Make(string point, ObservationKind kind, string category, double minutes, double? value, double eastMeters, double northMeters)
    {
        var location = Here.MovedBy(eastMeters, northMeters);
        var regions = Twin.Regions.Locate(location)!.Path;
        var reading = kind == ObservationKind.Reading;
        return new Observation(new EventKey("test", $"e{_next++}"), point, kind, category, location, T0.AddMinutes(minutes), regions,
            reading ? value : null, Confidence: reading ? null : value);
    }
}
