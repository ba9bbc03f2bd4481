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
}
