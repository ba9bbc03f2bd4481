namespace CityBrain.Incidents;

[GenerateSerializer, Immutable, Alias("cb.AttachResult")]
public sealed record AttachResult(
    [property: Id(0)] AttachStatus Status,
    [property: Id(1)] string? RedirectTo = null,
    [property: Id(2)] DateTimeOffset? LastEvidenceAt = null);
