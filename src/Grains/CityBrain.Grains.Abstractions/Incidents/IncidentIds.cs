using System.Security.Cryptography;
using System.Text;
using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>Incident ids derived from the opening event, so that a redelivered event can never open a second incident.</summary>
public static class IncidentIds
{
    /// <summary>Every incident id starts with this, followed by 16 lower-case hex digits.</summary>
    public const string Prefix = "inc-";

    /// <summary>The incident <paramref name="openingEvent"/> opens: a hash of its source and id.</summary>
    public static string For(EventKey openingEvent) => FromText($"{openingEvent.Source}\n{openingEvent.Id}");

    /// <summary>
    /// The incident a split of <paramref name="parentId"/> opens, from the parent's change counter when it split:
    /// a split retried after a failure opens the same incident again, which then changes nothing.
    /// </summary>
    public static string ForSplit(string parentId, long parentVersion) => FromText($"split\n{parentId}\n{parentVersion}");

    private static string FromText(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Prefix + Convert.ToHexStringLower(hash[..8]);
    }
}
