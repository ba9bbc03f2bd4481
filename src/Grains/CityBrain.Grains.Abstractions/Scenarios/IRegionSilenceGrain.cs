namespace CityBrain.Scenarios;

/// <summary>
/// One silence scenario's watch over one region. Key: <c>{scenario id}|{region code}</c>. Points tell it when they
/// fall silent and when they are heard again (one call per change, never per event); when the silent points reach
/// the scenario's threshold it fires, once per outage. Persisted: the silent points and whether it has fired.
/// </summary>
[Alias("cb.IRegionSilenceGrain")]
public interface IRegionSilenceGrain : IGrainWithStringKey
{
    /// <summary>A point in this region fell silent; told once per change, a repeat changes nothing.</summary>
    [Alias("Silent")]
    Task Silent(SilentPoint point);

    /// <summary>The point <paramref name="pointId"/> was heard again; the outage ends when none is silent.</summary>
    [Alias("Heard")]
    Task Heard(string pointId);

    /// <summary>The points silent now, for operators and tests.</summary>
    [Alias("GetSilent")]
    Task<SilentPoint[]> GetSilent();
}
