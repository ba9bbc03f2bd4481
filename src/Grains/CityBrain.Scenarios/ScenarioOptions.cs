using System.ComponentModel.DataAnnotations;

namespace CityBrain.Scenarios;

/// <summary>Where built-in scenarios come from, whether they start enabled, how quickly silos follow changes, and how long a backtest may run.</summary>
public sealed class ScenarioOptions
{
    public const string Section = "Scenarios";

    /// <summary>Folder of built-in definitions (<c>*.json</c> but the schema), added to the registry the first time it sees each; null for none.</summary>
    public string? BuiltInFolder { get; set; }

    /// <summary>Whether built-in scenarios are added enabled; otherwise they are added disabled, for an operator to switch on.</summary>
    public bool EnableBuiltIns { get; set; }

    /// <summary>Assemblies (paths) whose public <see cref="IScenarioHandler"/> classes definitions may name as <c>when.handler.type</c>.</summary>
    public string[] HandlerAssemblies { get; set; } = [];

    /// <summary>Seconds between a silo's checks of the registry revision: a change takes effect on every silo within this plus a fetch.</summary>
    public double RefreshSeconds { get; set; } = 2;

    /// <summary>
    /// Seconds a backtest may take, reading its file included (1 to 3600): past it the backtest answers with what it
    /// evaluated so far, marked as cut short.
    /// </summary>
    [Range(1, 3600)]
    public int BacktestSeconds { get; set; } = 60;
}
