using CityBrain.Incidents;

namespace CityBrain.Regions;

/// <summary>A page of a region's incidents, newest opened first.</summary>
/// <param name="Category">Only this category, if set.</param>
/// <param name="Status">Only this status, if set; resolved and merged incidents are kept for the latest <see cref="RecentClosedKept"/> only.</param>
/// <param name="Page">1-based page number; any positive value (<see cref="Offset"/> cannot overflow).</param>
/// <param name="PageSize">Rows per page, 1 to 500.</param>
/// <param name="OverdueOnly">Only incidents whose running SLA clock is past its deadline.</param>
[GenerateSerializer, Immutable, Alias("cb.IncidentQuery")]
public sealed record IncidentQuery(
    [property: Id(0)] string? Category,
    [property: Id(1)] IncidentStatus? Status,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize,
    [property: Id(4)] bool OverdueOnly = false)
{
    /// <summary>How many resolved or merged incidents a region grain keeps, the most recently closed.</summary>
    public const int RecentClosedKept = 1000;

    /// <summary>Rows before this page, in 64 bits: a page number near <see cref="int.MaxValue"/> is past the end, not a wrapped offset.</summary>
    public long Offset => Math.Max(0L, Page - 1L) * Math.Max(0, PageSize);
}
