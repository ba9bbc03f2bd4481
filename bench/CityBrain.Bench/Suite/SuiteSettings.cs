namespace CityBrain.Bench.Suite;

/// <summary>The suite's command line, checked: bad arguments fail here with exit code 2, before anything starts.</summary>
/// <param name="Runs">The runs to make, in suite order.</param>
/// <param name="Sizes">How big each run is.</param>
/// <param name="Quick">Whether <c>--quick</c> was given.</param>
/// <param name="JsonPath">Where to write the JSON; null for none.</param>
/// <param name="WorkFolder">Where the pack, feeds and host logs go; null for a temporary folder deleted at the end.</param>
/// <param name="Postgres">The operator's PostgreSQL (<c>--postgres</c>); null to start a throwaway one.</param>
/// <param name="SiloDll">The host to run.</param>
/// <param name="RepositoryRoot">The checkout the host belongs to: its packs, and the hosts' working directory.</param>
/// <param name="Seed">Seed of the pack and the feeds.</param>
public sealed record SuiteSettings(
    IReadOnlyList<string> Runs, SuiteSizes Sizes, bool Quick, string? JsonPath, string? WorkFolder, string? Postgres, string SiloDll, string RepositoryRoot, int Seed)
{
    public static readonly string[] ValueOptions = ["json", "only", "work", "postgres", "host", "events", "points", "seed"];

    public static readonly string[] FlagOptions = ["quick"];

    /// <summary>Every run, in the order they are made: the floor first, as the others are measured against it.</summary>
    public static readonly IReadOnlyList<string> AllRuns =
        ["floor", "readings", "opens", "attach", "mixed-kafka", "mixed-mqtt", "mixed-http", "mixed-postgres", "latency", "start-160k", "scenarios-1", "scenarios-1000"];

    public static SuiteSettings From(CommandOptions options)
    {
        var quick = options.HasFlag("quick");
        var sizes = quick ? SuiteSizes.Quick : SuiteSizes.Full;
        if (options.Optional("events") is not null) sizes = sizes.WithEvents(options.Int("events", 0, 100, 10_000_000));
        if (options.Optional("points") is not null) sizes = sizes with { Points = options.Int("points", 0, 1_000, 2_000_000) };
        var runs = AllRuns;
        if (options.Optional("only") is { } only)
        {
            var named = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (named.Length == 0) throw new UsageException("option '--only' names no run");
            if (named.FirstOrDefault(n => !AllRuns.Contains(n)) is { } unknown) throw new UsageException($"option '--only': no run '{unknown}'; the runs are {string.Join(", ", AllRuns)}");
            runs = AllRuns.Where(named.Contains).ToArray();
        }

        var json = options.Optional("json");
        if (json is not null)
        {
            if (json.Length == 0) throw new UsageException("option '--json' needs a file name");
            var folder = Path.GetDirectoryName(Path.GetFullPath(json));
            if (folder is not null && !Directory.Exists(folder)) throw new UsageException($"option '--json': folder {folder} does not exist");
        }

        var work = options.Optional("work");
        if (work is { Length: 0 }) throw new UsageException("option '--work' needs a folder");
        if (work is not null && File.Exists(work)) throw new UsageException($"option '--work': {work} is a file");

        var postgres = options.Optional("postgres");
        if (postgres is { Length: 0 }) throw new UsageException("option '--postgres' needs an Npgsql connection string");
        if (postgres is not null)
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"option '--postgres' is not an Npgsql connection string: {e.Message}");
            }
        }

        var (silo, root) = FindHost(options.Optional("host"));
        return new SuiteSettings(runs, sizes, quick, json, work is null ? null : Path.GetFullPath(work), postgres, silo, root, options.Int("seed", 1, 0, int.MaxValue));
    }

    /// <summary>
    /// The host dll (<c>--host</c>, or the Release build of the checkout this bench was built in) and the checkout
    /// it belongs to (the folder above it holding CityBrain.sln).
    /// </summary>
    private static (string Silo, string Root) FindHost(string? given)
    {
        string silo;
        if (given is not null)
        {
            silo = Path.GetFullPath(given);
            if (!File.Exists(silo)) throw new UsageException($"option '--host': {silo} does not exist (the host's CityBrain.Silo.dll)");
        }
        else
        {
            var root = RootAbove(AppContext.BaseDirectory)
                ?? throw new BenchException($"no CityBrain.sln above {AppContext.BaseDirectory}: give the host with --host <path to CityBrain.Silo.dll>");
            silo = Path.Combine(root, "src", "Silo", "bin", "Release", "net10.0", "CityBrain.Silo.dll");
            if (!File.Exists(silo)) throw new BenchException($"{silo} is missing: build first with 'dotnet build CityBrain.sln -c Release' (or give --host)");
        }

        var checkout = RootAbove(Path.GetDirectoryName(silo)!)
            ?? throw new UsageException($"option '--host': no CityBrain.sln above {silo}, so its packs cannot be found");
        return (silo, checkout);
    }

    private static string? RootAbove(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityBrain.sln"))) return dir.FullName;
        }

        return null;
    }
}
