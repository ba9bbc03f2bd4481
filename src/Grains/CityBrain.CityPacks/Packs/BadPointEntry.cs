namespace CityBrain.Packs;

/// <summary>One entry of a point file that was skipped, and why.</summary>
/// <param name="File">The point file, as named in <c>citypack.json</c>.</param>
/// <param name="Index">Zero-based position of the entry in the file's array (or its <c>features</c>).</param>
/// <param name="Id">The entry's point id, when it could be read.</param>
/// <param name="Field">The setting's property path (or <c>geometry</c>) at fault; empty when the whole entry is.</param>
/// <param name="Value">The offending value as text (e.g. <c>abc</c>, <c>91</c>, <c>0, 0</c>); null when there is none.</param>
/// <param name="Detail">The whole fault in words, e.g. <c>outside every region by 312.4 km</c>.</param>
public sealed record BadPointEntry(string File, int Index, string? Id, PointFault Fault, string Field, string? Value, string Detail)
{
    public override string ToString() => $"{File}[{Index}]{(Id is null ? "" : $" id '{Id}'")}: {Detail}";
}
