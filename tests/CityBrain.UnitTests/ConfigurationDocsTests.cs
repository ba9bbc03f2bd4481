using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CityBrain.Incidents.Sla;
using CityBrain.Silo;

namespace CityBrain.UnitTests;

/// <summary>
/// docs/configuration.md lists every configuration key the code binds, and nothing else. The keys are found, not
/// listed here: every public type of the product's assemblies with a public constant <c>Section</c> is an options
/// class bound to that section, and each of its bindable properties is a key <c>Section:Property</c> (a nested
/// options object adds its own properties below it; a dictionary or list is one key, as in <c>Kafka:Client</c>).
/// So a new options class, or a new property of one, fails this test until the page documents it.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    /// <summary>
    /// Options classes bound to a section named by a literal instead of their own <c>Section</c> constant.
    /// <see cref="Every_section_bound_by_a_literal_name_is_known_here"/> keeps this list complete.
    /// </summary>
    private static readonly (Type Options, string Section)[] BoundByLiteral =
    [
        (typeof(DeadlineScanOptions), "Sla"),
    ];

    /// <summary>Keys read one by one by name through a constant, not through an options class or a literal.</summary>
    private static readonly string[] ReadByName =
    [
        "Http:Url",
        SiloHostExtensions.PackKey,
    ];

    private static string ConfigurationPage => Path.Combine(RepoPaths.Root, "docs", "configuration.md");

    [Fact]
    public void Every_key_bound_in_code_is_in_docs_configuration_md()
    {
        var documented = DocumentedKeys();
        var missing = BoundKeys()
            .Where(k => !documented.Contains(k.Key))
            .Select(k => $"{k.Key} ({k.From})")
            .ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} configuration key(s) bound in code are missing from the table of docs/configuration.md " +
            $"(a row whose first cell names the key in backticks):\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void Every_key_in_docs_configuration_md_is_bound_in_code()
    {
        var bound = BoundKeys().Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stale = DocumentedKeys().Where(k => !bound.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0,
            $"docs/configuration.md documents key(s) that no code binds (renamed or removed?):\n{string.Join("\n", stale)}");
    }

    [Fact]
    public void The_options_classes_are_found_by_their_Section_constant()
    {
        // Guards the discovery itself: if it found nothing, the test above would pass without checking anything.
        var keys = BoundKeys().Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Contains("Ingest:BatchSize", keys);
        Assert.Contains("Orleans:SiloPort", keys);
        Assert.Contains("Storage:Provider", keys);
        Assert.Contains("PackLoading:MaxBadPointShare", keys);
        Assert.Contains("Sla:LeaseSeconds", keys);
        Assert.Contains("Kafka:Client", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("Kafka:Client:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Mqtt:Subscription", keys); // computed, not bindable
    }

    [Fact]
    public void Every_section_bound_by_a_literal_name_is_known_here()
    {
        // A section bound as GetSection("X") has no Section constant to be found by, so it must be in BoundByLiteral.
        var known = OptionsClasses().Select(o => o.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = SourceFiles()
            .SelectMany(file => SectionLiteral().Matches(File.ReadAllText(file))
                .Select(m => (Section: m.Groups["name"].Value, File: Path.GetRelativePath(RepoPaths.Root, file))))
            .Where(s => !s.Section.Contains(':', StringComparison.Ordinal) && !known.Contains(s.Section))
            .Select(s => $"{s.File}: GetSection(\"{s.Section}\"): give its options class a public const string Section, or add it to {nameof(BoundByLiteral)}")
            .ToList();

        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
    }

    /// <summary>Every key the code binds, with where it was found (for the failure message).</summary>
    private static List<(string Key, string From)> BoundKeys()
    {
        var keys = new List<(string Key, string From)>();
        foreach (var (type, section) in OptionsClasses())
        {
            keys.AddRange(KeysOf(type, section).Select(k => (k, type.FullName!)));
        }

        keys.AddRange(ReadByName.Select(k => (k, "read by name")));

        // Keys read by a literal anywhere in src/: configuration["X:Y"], GetValue("X:Y", …), GetSection("X:Y").
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            var from = Path.GetRelativePath(RepoPaths.Root, file);
            keys.AddRange(KeyLiteral().Matches(text).Select(m => (m.Groups["name"].Value, from)));
            keys.AddRange(SectionLiteral().Matches(text)
                .Select(m => m.Groups["name"].Value)
                .Where(name => name.Contains(':', StringComparison.Ordinal))
                .Select(name => (name, from)));
        }

        return keys.DistinctBy(k => k.Key, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Options classes of the product: a public <c>const string Section</c>, or bound by a literal.</summary>
    private static IEnumerable<(Type Type, string Section)> OptionsClasses()
    {
        var byConstant = ProductAssemblies()
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (x.Type, Section: (string)x.Field!.GetRawConstantValue()!));
        return byConstant.Concat(BoundByLiteral.Select(b => (b.Options, b.Section)));
    }

    /// <summary>The keys the configuration binder would fill in an instance of <paramref name="type"/> under <paramref name="prefix"/>.</summary>
    private static IEnumerable<string> KeysOf(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true }) continue;

            var key = $"{prefix}:{property.Name}";
            var settable = property.SetMethod is { IsPublic: true };
            if (IsLeaf(property.PropertyType))
            {
                // A computed value (get only) is not read from configuration; a collection the binder fills in place is.
                if (settable || IsCollection(property.PropertyType)) yield return key;
            }
            else
            {
                foreach (var nested in KeysOf(property.PropertyType, key)) yield return nested;
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(Uri)
            || IsCollection(t);
    }

    // A dictionary (Kafka:Client) or a list (Kafka:Topics) is one key with entries below it.
    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>
    /// The keys the page's tables name: every backticked key in a row's first cell. A placeholder at the end
    /// (<c>Kafka:Client:&lt;librdkafka key&gt;</c>) stands for the entries of one dictionary key.
    /// </summary>
    private static HashSet<string> DocumentedKeys()
    {
        Assert.True(File.Exists(ConfigurationPage), $"{ConfigurationPage} is missing");
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(ConfigurationPage))
        {
            if (!line.StartsWith('|')) continue;
            var firstCell = line.Split('|')[1];
            foreach (Match m in Backticked().Matches(firstCell)) keys.Add(Placeholder().Replace(m.Groups[1].Value, ""));
        }

        return keys;
    }

    /// <summary>The built assemblies of every project under src/ (the unit tests reference them all, the silo included).</summary>
    private static IEnumerable<Assembly> ProductAssemblies()
    {
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault()
                ?? Path.GetFileNameWithoutExtension(project);
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            Assert.True(File.Exists(path), $"{name}.dll is not beside the unit tests: reference {Path.GetRelativePath(RepoPaths.Root, project)} from CityBrain.UnitTests so its options are checked");
            yield return Assembly.LoadFrom(path);
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    [GeneratedRegex("GetSection\\(\\s*\"(?<name>[^\"]+)\"\\s*\\)")]
    private static partial Regex SectionLiteral();

    [GeneratedRegex("(?:[Cc]onfiguration\\[\\s*|GetValue(?:<[^>]+>)?\\(\\s*)\"(?<name>[^\"]+)\"")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(":<[^>]+>$")]
    private static partial Regex Placeholder();
}
