using CityBrain.Spatial;

namespace CityBrain.Scenarios;

/// <summary>
/// The range of every number and the bound of every list and text of a scenario definition, checked when it is
/// saved (the parser names the JSON path and the range) and published in <c>packs/scenarios/scenario.schema.json</c>.
/// Windows are bounded by what a cell keeps, radii by how far a cell shares an observation, counts by what a window
/// holds, and lists so that one observation's evaluation stays a bounded amount of work whatever a definition says.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Every duration (<c>withinMinutes</c>, <c>forMinutes</c>, <c>maxGapMinutes</c>): above 0, at most this many minutes (inclusive), the time a cell keeps an observation.</summary>
    public const int MaxMinutes = ScenarioWindows.MaxLookBackMinutes;

    /// <summary><c>count.atLeast</c>: 1 to this (inclusive), what a cell's window keeps of one kind and topic.</summary>
    public const int MaxCount = ScenarioWindows.DefaultCapacity;

    /// <summary><c>silence.atLeast</c>: 1 to this many silent points (inclusive) in one region.</summary>
    public const int MaxSilentPoints = 10_000;

    /// <summary>
    /// How many cells out from its own a cell shares an observation with: a radius (<c>radiusMeters</c>) is at most
    /// this many cell sizes (<see cref="MaxRadiusMeters"/>), so one observation is shared with at most
    /// (2 × rings + 2)² cells, whatever a definition says.
    /// </summary>
    public const int NeighbourRings = 2;

    /// <summary>Members of <c>all</c>, <c>any</c> and <c>sequence</c>: 2 to this (inclusive).</summary>
    public const int MaxMembers = 16;

    /// <summary>Groups (<c>all</c>, <c>any</c>, <c>sequence</c>) nested in groups: at most this deep, the outermost counting 1.</summary>
    public const int MaxGroupDepth = 4;

    /// <summary>
    /// Categories and metrics named over all the observation filters of one definition, at most: each name is one
    /// pass over a window (at most <see cref="MaxCount"/> observations), so this bounds the work of one evaluation.
    /// </summary>
    public const int MaxNamesPerDefinition = 64;

    /// <summary>Categories or metrics one filter names (and point kinds a silence counts), at most.</summary>
    public const int MaxCategories = 32;

    /// <summary>Region codes in <c>scope.regions</c> or <c>where.regions</c>, at most: a code of any level serves, so a parent names many children.</summary>
    public const int MaxRegionCodes = 256;

    /// <summary>Vertices of a <c>where.polygon</c> or a <c>where.near.geometry</c>, at most.</summary>
    public const int MaxVertices = 10_000;

    /// <summary><c>where.near.meters</c>: 0 to this (inclusive); the flat projection it is measured in is good over a city, not a country.</summary>
    public const double MaxNearMeters = 100_000;

    /// <summary>Bounds of a <c>value</c> or <c>ratePerMinute</c> range: from minus this to this (inclusive).</summary>
    public const double MaxAbsoluteValue = 1e9;

    /// <summary>C# handler <c>triggers</c> and <c>watches</c>, each at most.</summary>
    public const int MaxHandlerEntries = 16;

    /// <summary><c>name</c>, at most, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary><c>description</c>, at most, in characters.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>A category, metric, point kind, department, region level or notification type, at most, in characters.</summary>
    public const int MaxWordLength = 128;

    /// <summary>A C# handler's type name, at most, in characters.</summary>
    public const int MaxTypeNameLength = 512;

    /// <summary>Scenarios the registry holds, at most (a city runs tens of them).</summary>
    public const int MaxScenarios = 1000;

    /// <summary>The largest <c>radiusMeters</c> on this grid: <see cref="NeighbourRings"/> cell sizes.</summary>
    public static double MaxRadiusMeters(CellGrid cells) => cells.CellSizeMeters * NeighbourRings;
}
