using CityBrain.Bench;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;

namespace CityBrain.UnitTests.Bench;

public sealed class SlaPackWriterTests
{
    [Fact]
    public void The_copy_runs_only_the_accept_clock_with_one_time_for_every_category_and_leaves_the_original_alone()
    {
        var original = TestPacks.Twin();
        var copy = Path.Combine(Directory.CreateTempSubdirectory("citybrain-slapack-").FullName, "pack");

        var exit = SlaPackWriter.Run(Options("--from", original, "--output", copy, "--accept-minutes", "40", "--warning-fraction", "0.25"));

        Assert.Equal(ExitCodes.Success, exit);
        var sla = CityPackLoader.Load(copy).Sla;
        foreach (var category in new[] { TestPacks.FastSlaCategory, TestPacks.RoutedCategory, "anything" })
        {
            foreach (var severity in Enum.GetValues<Severity>())
            {
                Assert.Equal(TimeSpan.FromMinutes(40), sla.BudgetFor(category, severity, SlaStage.Accept));
                Assert.Null(sla.BudgetFor(category, severity, SlaStage.Close));
            }
        }

        Assert.Equal(0.25, sla.WarningFraction);
        Assert.Equal(TimeSpan.FromSeconds(TestPacks.FastAcceptSeconds), CityPackLoader.Load(original).Sla.BudgetFor(TestPacks.FastSlaCategory, Severity.Normal, SlaStage.Accept));
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_never_written_into()
    {
        var original = TestPacks.Twin();
        var existing = Directory.CreateTempSubdirectory("citybrain-slapack-").FullName;
        File.WriteAllText(Path.Combine(existing, "keep.txt"), "mine");

        var error = Assert.Throws<BenchException>(() => SlaPackWriter.Run(Options("--from", original, "--output", existing)));

        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(existing).Select(Path.GetFileName));
    }

    private static CommandOptions Options(params string[] args) => CommandOptions.Parse("sla-pack", args, SlaPackWriter.ValueOptions, []);
}
