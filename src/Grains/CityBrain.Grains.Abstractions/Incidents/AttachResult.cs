namespace CityBrain.Incidents;

/// <summary>How an attempt to attach evidence to an incident went.</summary>
/// <param name="Status">What happened.</param>
/// <param name="RedirectTo">With <see cref="AttachStatus.Redirect"/>: the id of the incident this one was merged into; else null.</param>
/// <param name="LastEvidenceAt">When attached (or already attached): the incident's latest evidence observation time, UTC; else null.</param>
[GenerateSerializer, Immutable, Alias("cb.AttachResult")]
public sealed record AttachResult(
    [property: Id(0)] AttachStatus Status,
    [property: Id(1)] string? RedirectTo = null,
    [property: Id(2)] DateTimeOffset? LastEvidenceAt = null);
