using CityBrain.Bench.Suite;
using CityBrain.Packs;

namespace CityBrain.UnitTests.Bench;

/// <summary>The Chengdu pack and a small suite layout of it, made once for the suite's tests (the pack takes seconds to load).</summary>
public static class SuiteCity
{
    public const int Points = 5_000;

    public const int Seed = 11;

    private static readonly Lazy<CityPack> LazyPack = new(() => CityPackLoader.Load(RepoPaths.Pack("chengdu")));

    private static readonly Lazy<CityLayout> LazyLayout = new(() => CityLayoutGenerator.Generate(Pack, Points, Seed));

    public static CityPack Pack => LazyPack.Value;

    public static CityLayout Layout => LazyLayout.Value;

    public static string NewFolder() => Directory.CreateTempSubdirectory("citybrain-suite-test-").FullName;
}
