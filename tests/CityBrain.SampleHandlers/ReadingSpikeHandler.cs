using System.Globalization;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Scenarios;

namespace CityBrain.SampleHandlers;

/// <summary>
/// Fires when a reading lies more than <c>sigmas</c> standard deviations above the mean of the same point's
/// earlier readings of the metric in the watched window (at least <c>minSamples</c> of them): a spike against the
/// sensor's own recent normal, which no fixed threshold in JSON can say. Settings: <c>sigmas</c> (default 3),
/// <c>minSamples</c> (default 5). Stateless: the window is the cell's.
/// </summary>
public sealed class ReadingSpikeHandler : IScenarioHandler
{
    private readonly double _sigmas;
    private readonly int _minSamples;

    public ReadingSpikeHandler(JsonElement settings)
    {
        _sigmas = Setting(settings, "sigmas", 3);
        _minSamples = (int)Setting(settings, "minSamples", 5);
        if (_sigmas <= 0) throw new ArgumentException($"sigmas must be above 0, not {_sigmas.ToString(CultureInfo.InvariantCulture)}");
        if (_minSamples < 2) throw new ArgumentException($"minSamples must be at least 2, not {_minSamples}");
    }

    public int Evaluate(ScenarioHandlerContext context)
    {
        var trigger = context.Trigger;
        if (trigger.Value is not { } value) return 0;
        var earlier = context.Recent(ObservationKind.Reading, trigger.Category)
            .Where(o => o.PointId == trigger.PointId && o.Key != trigger.Key && o.Value is not null)
            .Select(o => o.Value!.Value).ToArray();
        if (earlier.Length < _minSamples) return 0;
        var mean = earlier.Average();
        var deviation = Math.Sqrt(earlier.Sum(v => (v - mean) * (v - mean)) / (earlier.Length - 1));
        return value > mean + _sigmas * Math.Max(deviation, 1e-9) ? earlier.Length + 1 : 0;
    }

    private static double Setting(JsonElement settings, string name, double fallback) =>
        settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ArgumentException($"{name} must be a number, not {v.GetRawText()}")
            : fallback;
}
