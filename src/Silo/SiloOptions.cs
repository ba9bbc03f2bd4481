using System.ComponentModel.DataAnnotations;

namespace CityBrain.Silo;

/// <summary>Orleans settings (configuration section <c>Orleans</c>).</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (with PostgreSQL clustering).</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Orleans cluster id; silos with the same id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "citybrain";

    /// <summary>
    /// Seconds between liveness probes of another node, and each probe's timeout (1–60; Orleans' default 5). A node
    /// that stops answering is declared dead after <see cref="MissedProbesLimit"/> missed probes, and its grains then
    /// reactivate on the others: about <c>ProbeTimeoutSeconds × MissedProbesLimit</c> after it died.
    /// </summary>
    [Range(1, 60)]
    public int ProbeTimeoutSeconds { get; set; } = 5;

    /// <summary>Missed probes after which a node is suspected, and declared dead with the votes it needs (1–10; Orleans' default 3).</summary>
    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>The failure-detection time these settings give: how long a dead node's grains wait for takeover at most, roughly.</summary>
    public TimeSpan FailureDetectionTime => TimeSpan.FromSeconds(ProbeTimeoutSeconds * MissedProbesLimit);
}
