namespace CityBrain.Scenarios;

/// <summary>
/// The firings of one scenario. Key: the scenario id. Persisted: the counts and the latest firings (bounded), so a
/// designer can see what a shadow scenario would have done. Written once per batch a cell sends.
/// </summary>
[Alias("cb.IScenarioFiringsGrain")]
public interface IScenarioFiringsGrain : IGrainWithStringKey
{
    /// <summary>Add a batch of firings of this scenario to its counts and latest firings.</summary>
    [Alias("Record")]
    Task Record(ScenarioFired[] firings);

    /// <summary>The counts and the latest firings, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("Get")]
    Task<ScenarioFirings> Get(int limit);
}
