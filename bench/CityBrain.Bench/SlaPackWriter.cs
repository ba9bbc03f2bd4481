using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;

namespace CityBrain.Bench;

/// <summary>
/// sla-pack: a copy of a city pack whose SLA file runs one clock only, the accept clock, with the same time for
/// every category and severity. Every incident that stays detected then warns and breaches at a known time after
/// it opened, and no other threshold ever falls due: the SLA benchmark's quiet window and its bursts are set by
/// these two numbers alone.
/// </summary>
public static class SlaPackWriter
{
    public const string SlaFileName = "sla.json";

    public static readonly string[] ValueOptions = ["from", "output", "accept-minutes", "warning-fraction"];

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonWriterOptions WriteOptions = new() { Indented = true };

    public static int Run(CommandOptions options)
    {
        var from = options.Required("from");
        var output = options.Required("output");
        var acceptMinutes = options.Double("accept-minutes", 30, 0.1);
        var warningFraction = options.Double("warning-fraction", 0.5, 0.01);
        if (warningFraction >= 1) throw new UsageException($"option '--warning-fraction' must be below 1 (got {warningFraction.ToString(CultureInfo.InvariantCulture)})");
        var settings = Path.Combine(from, CityPackLoader.SettingsFileName);
        if (!File.Exists(settings)) throw new BenchException($"{from} is not a city pack: {settings} not found");
        // Never merge into an existing folder: a stale file from an earlier pack would load silently.
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()) throw new BenchException($"output folder {output} exists and is not empty");

        CopyFolder(from, output);
        AtomicFile.Write(Path.Combine(output, SlaFileName), stream => WriteSla(stream, acceptMinutes, warningFraction));
        PointSettingsAtSla(Path.Combine(output, CityPackLoader.SettingsFileName));

        var policy = LoadPolicy(output);
        var accept = policy.BudgetFor("any", Severity.Normal, SlaStage.Accept)
            ?? throw new BenchException($"{output}: the written SLA file runs no accept clock");
        Console.WriteLine(FormattableString.Invariant(
            $"sla-pack: {from} -> {output}: accept clock only, sla_warning {(accept * policy.WarningFraction).TotalMinutes:0.##} min and sla_breached {accept.TotalMinutes:0.##} min after each incident opens"));
        return ExitCodes.Success;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static void WriteSla(Stream stream, double acceptMinutes, double warningFraction)
    {
        using var json = new Utf8JsonWriter(stream, WriteOptions);
        json.WriteStartObject();
        json.WriteNumber("warningFraction", warningFraction);
        json.WriteStartObject("default");
        json.WriteNumber("acceptMinutes", acceptMinutes);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Name the SLA file in the settings, replacing whatever SLA file (any spelling of the key) the pack named.</summary>
    private static void PointSettingsAtSla(string path)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: ReadOptions) as JsonObject
            ?? throw new BenchException($"{path}: not a JSON object");
        foreach (var key in root.Select(p => p.Key).Where(k => k.Equals("sla", StringComparison.OrdinalIgnoreCase)).ToList()) root.Remove(key);
        root["sla"] = SlaFileName;
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, WriteOptions);
            root.WriteTo(json);
        });
    }

    /// <summary>The whole copy is loaded as the host will load it, so a broken copy fails here rather than at the host's start.</summary>
    private static SlaPolicy LoadPolicy(string folder)
    {
        try
        {
            return CityPackLoader.Load(folder).Sla;
        }
        catch (CityPackException e)
        {
            throw new BenchException($"the pack written to {folder} does not load: {e.Message}", e);
        }
    }
}
