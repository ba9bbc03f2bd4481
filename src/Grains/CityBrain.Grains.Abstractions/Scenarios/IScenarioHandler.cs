using System.Text.Json;

namespace CityBrain.Scenarios;

/// <summary>
/// A scenario condition written in C#, for what a JSON definition cannot say (a statistical test, a learned
/// model's threshold, a rule over a city system's own data). A handler is named in a definition
/// (<c>"when": {"handler": {"type": …, "triggers": […], "watches": […], "settings": {…}}}</c>) and so has the same
/// lifecycle as a declarative scenario: versions, enable and disable, scope, shadow mode, backtest.
/// <para>
/// CityBrain makes one instance per definition version, with a public constructor taking the definition's
/// <c>settings</c> (<see cref="JsonElement"/>) or none, and calls <see cref="Evaluate"/> from the trigger's spatial
/// cell, one call at a time per cell but from many cells at once: keep no mutable state in the instance (windows
/// are the cell's, offered through the context), and never block or do I/O.
/// </para>
/// </summary>
public interface IScenarioHandler
{
    /// <summary>Whether the scenario fires for the trigger: how many observations support it, 0 when it does not fire.</summary>
    int Evaluate(ScenarioHandlerContext context);
}
