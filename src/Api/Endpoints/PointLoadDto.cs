using CityBrain.Packs;

namespace CityBrain.Api.Endpoints;

/// <summary>What loading the point files gave.</summary>
/// <param name="MaxBadShare">The share of a file's entries (0 to 1) above which a bad file stops the start (<c>PackLoading:MaxBadPointShare</c>).</param>
/// <param name="BadByFault">Skipped entries per fault, over all files, all of them counted.</param>
/// <param name="BadEntries">A page of the skipped entries, in file order; the first 1,000 are kept.</param>
public sealed record PointLoadDto(
    int Entries,
    int Loaded,
    int Bad,
    double MaxBadShare,
    IReadOnlyList<PointFileReport> Files,
    IReadOnlyDictionary<PointFault, int> BadByFault,
    PageDto<BadPointEntry> BadEntries);
