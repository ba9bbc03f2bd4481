namespace CityBrain.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Pack(string name) => Path.Combine(Root, "packs", name);

    public static string TestData(string file) => Path.Combine(Root, "tests", "data", file);

    public static string Scenarios { get; } = Path.Combine(Root, "packs", "scenarios");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityBrain.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"CityBrain.sln not found above {AppContext.BaseDirectory}");
    }
}
