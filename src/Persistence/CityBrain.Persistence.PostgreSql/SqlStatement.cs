namespace CityBrain.Persistence;

/// <summary>One statement of a SQL script, with the line it starts on (1-based).</summary>
public sealed record SqlStatement(int Line, string Text);
