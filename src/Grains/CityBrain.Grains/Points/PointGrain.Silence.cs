using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Scenarios;

namespace CityBrain.Points;

/// <summary>
/// A point's watch over its own silence, for silence scenarios: one grain timer at the time it would become
/// silent for the shortest applicable scenario, checked lazily (an event does not move the timer; the tick looks
/// at when the point was last heard). When it falls silent it tells each applicable region watch once, and when
/// it is heard again it tells them it is back. The timer keeps the point active while a silence scenario
/// runs, so a silent point is not collected and forgotten.
/// </summary>
public sealed partial class PointGrain
{
    private IGrainTimer? _silenceTimer;
    private DateTimeOffset _heardAt;

    public Task WatchSilence()
    {
        ArmSilenceWatch();
        return Task.CompletedTask;
    }

    private async Task HeardAgain()
    {
        _heardAt = clock.GetUtcNow();
        var silentIn = state.State.SilentIn;
        if (silentIn.Count > 0)
        {
            var id = this.GetPrimaryKeyString();
            await Task.WhenAll(silentIn.Select(key => GrainFactory.GetGrain<IRegionSilenceGrain>(key).Heard(id)));
            silentIn.Clear();
            await state.WriteStateAsync();
        }

        ArmSilenceWatch();
    }

    private void ArmSilenceWatch()
    {
        if (_silenceTimer is not null || scenarios.Current.Silences.Count == 0) return;
        DateTimeOffset? due = null;
        foreach (var (key, silence) in ApplicableSilences())
        {
            if (state.State.SilentIn.Contains(key)) continue;
            var at = _heardAt + silence.For;
            if (due is null || at < due) due = at;
        }

        if (due is not { } next) return;
        var wait = next - clock.GetUtcNow();
        _silenceTimer = this.RegisterGrainTimer(CheckSilence, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task CheckSilence(CancellationToken cancellationToken)
    {
        // Disposing the timer from its own callback cancels the callback's token: the work below must not take it.
        _silenceTimer?.Dispose();
        _silenceTimer = null;
        var now = clock.GetUtcNow();
        if (Whereabouts() is not { } here) return;
        var id = this.GetPrimaryKeyString();
        var reported = false;
        foreach (var (key, silence) in ApplicableSilences())
        {
            if (state.State.SilentIn.Contains(key) || _heardAt + silence.For > now) continue;
            await GrainFactory.GetGrain<IRegionSilenceGrain>(key).Silent(new SilentPoint(id, here.Location, here.Regions, _heardAt));
            state.State.SilentIn.Add(key);
            reported = true;
        }

        if (reported) await state.WriteStateAsync(CancellationToken.None);
        ArmSilenceWatch();
    }

    /// <summary>The silence scenarios that count this point, each with the key of its region's watch.</summary>
    private IEnumerable<(string Key, SilenceCondition Silence)> ApplicableSilences()
    {
        if (Whereabouts() is not { } here) yield break;
        foreach (var scenario in scenarios.Current.Silences)
        {
            var silence = (SilenceCondition)scenario.When;
            if (!silence.Counts(here.Kind) || !scenario.Covers(here.Regions) || here.Regions.Codes.Length <= silence.LevelDepth) continue;
            yield return (RegionSilence.KeyOf(scenario.Id, here.Regions.Codes[silence.LevelDepth]), silence);
        }
    }

    /// <summary>Kind and place from the registry, or from the provisional registration; null for a point neither knows.</summary>
    private (string Kind, GeoPoint Location, RegionPath Regions)? Whereabouts() =>
        pack.Points.TryGetValue(this.GetPrimaryKeyString(), out var registered)
            ? (registered.Kind, registered.Location, registered.Regions)
            : state.State.Provisional is { } p ? (p.Kind, p.Location, p.Regions) : null;
}
