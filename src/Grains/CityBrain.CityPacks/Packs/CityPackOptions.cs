using System.ComponentModel.DataAnnotations;

namespace CityBrain.Packs;

/// <summary>
/// How the city pack is loaded (configuration section <c>PackLoading</c>). A section of its own, not under
/// <c>Pack</c>: <c>Pack</c> is the folder's path, and a JSON settings file cannot make one key both a string and an object.
/// </summary>
public sealed class CityPackOptions
{
    public const string Section = "PackLoading";

    public const double DefaultMaxBadPointShare = 0.05;

    /// <summary>The setting's full key, for messages.</summary>
    public const string MaxBadPointShareKey = Section + ":" + nameof(MaxBadPointShare);

    /// <summary>
    /// Share of a point file's entries (0 to 1, inclusive) that may be skipped as bad; above it the start fails.
    /// 0 refuses any bad entry; 1 never fails.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = MaxBadPointShareKey + " must be between 0 and 1 (a share of a point file's entries)")]
    public double MaxBadPointShare { get; set; } = DefaultMaxBadPointShare;
}
