using Microsoft.Extensions.Logging;

namespace CityBrain.Scenarios;

/// <summary>Turns the registry's stored definitions into a catalog. Definitions were checked when saved; one that no longer parses (the pack changed under it) is left out and logged.</summary>
public sealed class ScenarioCompiler(ScenarioParser parser, ILogger<ScenarioCompiler> logger)
{

    public ScenarioCatalog Compile(ScenarioSet set)
    {
        var definitions = new List<ScenarioDefinition>(set.Scenarios.Length);
        foreach (var stored in set.Scenarios)
        {
            try
            {
                definitions.Add(parser.Parse(stored.Definition, stored.Version));
            }
            catch (ScenarioDefinitionException e)
            {
                logger.LogWarning("Scenario {Id} v{Version} left out of the catalog: {Errors}", stored.Id, stored.Version, e.Message);
            }
        }

        return new ScenarioCatalog(definitions, set.Revision);
    }
}
