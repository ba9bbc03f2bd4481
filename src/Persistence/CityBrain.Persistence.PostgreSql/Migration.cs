using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CityBrain.Persistence;

/// <summary>
/// One versioned schema change, <c>NNNN_name.sql</c>. Once shipped a migration is never edited: a change is a
/// new migration. The checksum lets the runner notice an edited one.
/// </summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    private const string ResourcePrefix = "CityBrain.Migrations.";

    /// <summary>The migrations shipped in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var match = FileName().Match(fileName);
            if (!match.Success) throw new InvalidOperationException($"migration resource '{fileName}' is not named NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), fileName, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"two migrations have version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileName();
}
