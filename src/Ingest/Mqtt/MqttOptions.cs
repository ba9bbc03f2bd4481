using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest.Mqtt;

/// <summary>MQTT settings (configuration section <c>Mqtt</c>).</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mqtt";

    /// <summary>Run an MQTT broker inside this process (single-node convenience) on <see cref="Host"/>:<see cref="Port"/>.</summary>
    public bool Embedded { get; set; } = true;

    /// <summary>Broker host to subscribe at; with <see cref="Embedded"/>, the address the broker listens on.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Subscription topic filter; events are published to <c>city/{source}/events</c>.</summary>
    [Required]
    public string TopicFilter { get; set; } = "city/+/events";

    /// <summary>
    /// MQTT client id of the ingest subscriber: stable, so the broker keeps its session (and the messages it has
    /// not acknowledged) across restarts, and different on every node of a cluster. Unset: the host derives one
    /// from the machine name and the silo port.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// With an external broker and several nodes: subscribe as <c>$share/{group}/{TopicFilter}</c>, so the broker
    /// hands each message to one node of the group. Not supported by the embedded broker (a single-node convenience).
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>The filter actually subscribed to.</summary>
    public string Subscription => SharedSubscriptionGroup is { Length: > 0 } group ? $"$share/{group}/{TopicFilter}" : TopicFilter;

    /// <summary>
    /// How long the broker keeps this node's session, and the messages it has not acknowledged, while the node is
    /// away (MQTT 5 session expiry). A restart within this time loses nothing.
    /// </summary>
    [Range(60, 4_294_967)]
    public int SessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>
    /// At a graceful stop, how long a node of a shared group may take to acknowledge what it has received before
    /// it ends its session. If that takes longer the session stays (see <see cref="SessionExpirySeconds"/>).
    /// </summary>
    [Range(1, 600)]
    public int LeaveDrainSeconds { get; set; } = 15;

    /// <summary>
    /// Messages the embedded broker queues per session (connected or offline) before it must drop (each drop is
    /// logged as an error), 1000 to 10,000,000. With <see cref="MaxPayloadBytes"/> this bounds a session's memory.
    /// </summary>
    [Range(1000, 10_000_000)]
    public int EmbeddedMaxPendingMessages { get; set; } = 100_000;

    /// <summary>
    /// Longest the embedded broker keeps an offline persistent session (and its queued messages), in seconds,
    /// 60 to 4,294,967: a session ends when its own MQTT 5 expiry has passed or this has, whichever is first (an
    /// MQTT 3.1.1 session has no expiry of its own). Checked every minute.
    /// </summary>
    [Range(60, 4_294_967)]
    public int EmbeddedSessionExpiryMaxSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>
    /// Largest MQTT payload taken, in bytes, 1 KiB to 256 MiB. The embedded broker refuses a larger PUBLISH
    /// (PUBACK "packet too large") and the subscriber announces the limit to any broker (MQTT 5 maximum packet
    /// size, see <see cref="MaxPacketBytes"/>) and dead-letters a larger payload it still gets; either way the
    /// message becomes a dead letter kept by prefix.
    /// </summary>
    [Range(1024, 256 << 20)]
    public int MaxPayloadBytes { get; set; } = 1 << 20;

    /// <summary>The maximum packet size the subscriber announces: <see cref="MaxPayloadBytes"/> plus 64 KiB for the topic and properties.</summary>
    public uint MaxPacketBytes => (uint)MaxPayloadBytes + (64u << 10);

    public string? Username { get; set; }

    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Embedded && !string.IsNullOrEmpty(SharedSubscriptionGroup))
        {
            yield return new ValidationResult("Mqtt:SharedSubscriptionGroup needs an external broker (Mqtt:Embedded=false): the embedded broker serves one node", [nameof(SharedSubscriptionGroup)]);
        }
    }
}
