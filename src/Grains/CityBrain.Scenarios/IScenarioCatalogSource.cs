namespace CityBrain.Scenarios;

/// <summary>
/// This node's copy of the city's scenario catalog, for readers that must not call a grain for it (a cell, the
/// API's catalog view). Swapped whole when the registry's revision moves: a reader sees the old catalog or the
/// new one, never a mix.
/// </summary>
public interface IScenarioCatalogSource
{
    /// <summary>The catalog evaluated now.</summary>
    ScenarioCatalog Current { get; }
}
