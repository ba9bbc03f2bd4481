using System.Globalization;
using System.Text.Json;
using CityBrain.Packs;
using CityBrain.Scenarios;

namespace CityBrain.Bench;

/// <summary>
/// scenario-set: N scenario definitions for the scenario-count benchmark, written so that every configuration
/// watches the same observations and each observation is a candidate of exactly one scenario: with N at most
/// the number of topics, each scenario counts a share of the topics city-wide; with more, each topic gets N ÷
/// topics scenarios, each scoped to a share of the pack's first-level regions. The work an event causes then
/// differs between 1, 10 and 100 scenarios only by what the catalog costs, which is what the benchmark measures.
/// </summary>
public static class ScenarioSetWriter
{
    public static readonly string[] ValueOptions = ["pack", "count", "topics", "output"];

    private static readonly JsonWriterOptions WriteOptions = new() { Indented = true };

    public static int Run(CommandOptions options)
    {
        var pack = CityPackLoader.Load(options.Required("pack"));
        var count = options.Int("count", 1, 1, 10_000);
        var topics = options.Optional("topics") is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : SyntheticFeed.Categories;
        var output = options.Required("output");
        var scopesPerTopic = Write(pack, count, topics, output);
        Console.WriteLine(FormattableString.Invariant($"scenario-set: {count} scenarios over {topics.Length} topics{(scopesPerTopic > 1 ? $", {scopesPerTopic} region groups each" : "")} -> {output}"));
        return ExitCodes.Success;
    }

    /// <summary>Writes the set (each definition checked by the scenario parser); returns the region groups per topic.</summary>
    public static int Write(CityPack pack, int count, IReadOnlyList<string> topics, string output)
    {
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()) throw new BenchException($"output folder {output} exists and is not empty");
        var districts = pack.Regions.Root.Children.Select(c => c.Code).ToArray();
        if (count > topics.Count && count % topics.Count != 0) throw new UsageException($"option '--count' above the {topics.Count} topics must be a multiple of it (got {count})");
        var scopesPerTopic = count > topics.Count ? count / topics.Count : 1;
        if (scopesPerTopic > districts.Length) throw new UsageException($"--count {count} needs {scopesPerTopic} region groups per topic; {pack.Name} has {districts.Length} first-level regions");

        Directory.CreateDirectory(output);
        var parser = new ScenarioParser(pack);
        for (var i = 0; i < count; i++)
        {
            var (watched, scope) = count <= topics.Count
                ? (topics.Where((_, t) => t % count == i).ToArray(), (string[]?)null)
                : ([topics[i / scopesPerTopic]], districts.Where((_, d) => d % scopesPerTopic == i % scopesPerTopic).ToArray());
            var id = FormattableString.Invariant($"bench-{i:D4}");
            var path = Path.Combine(output, $"{id}.json");
            AtomicFile.Write(path, stream => Write(stream, id, watched, scope));
            parser.Parse(File.ReadAllText(path), version: 1);
        }

        return scopesPerTopic;
    }

    private static void Write(Stream stream, string id, string[] topics, string[]? scope)
    {
        using var json = new Utf8JsonWriter(stream, WriteOptions);
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("name", $"benchmark: 3 of {string.Join(" or ", topics)} within 200 m in 10 min");
        if (scope is not null)
        {
            json.WriteStartObject("scope");
            json.WriteStartArray("regions");
            foreach (var code in scope) json.WriteStringValue(code);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteStartObject("when");
        json.WriteStartObject("count");
        json.WriteStartObject("of");
        json.WriteStartArray("detection");
        foreach (var topic in topics) json.WriteStringValue(topic);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNumber("atLeast", 3);
        json.WriteNumber("withinMinutes", 10);
        json.WriteNumber("radiusMeters", 200);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("then");
        json.WriteStartObject("open");
        json.WriteString("category", "bench_gathering");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
