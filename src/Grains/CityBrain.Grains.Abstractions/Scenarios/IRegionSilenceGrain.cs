namespace CityBrain.Scenarios;

/// <summary>
/// One silence scenario's watch over one region. Key: <c>{scenario id}|{region code}</c>. Points tell it when they
/// fall silent and when they are heard again (one call per change, never per event); when the silent points reach
/// the scenario's threshold it fires, once per outage. Persisted: the silent points and whether it has fired.
/// </summary>
[Alias("cb.IRegionSilenceGrain")]
public interface IRegionSilenceGrain : IGrainWithStringKey
{
    [Alias("Silent")]
    Task Silent(SilentPoint point);

    [Alias("Heard")]
    Task Heard(string pointId);

    /// <summary>The points silent now, for operators and tests.</summary>
    [Alias("GetSilent")]
    Task<SilentPoint[]> GetSilent();
}
