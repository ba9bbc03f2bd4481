using CityBrain.Incidents.Kpis;

namespace CityBrain.UnitTests;

public sealed class KpiCalculatorTests
{
    private static readonly DateTimeOffset D = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly SlaTally None = new(0, 0, null);

    private static CaseFacts Case(string id, string? department = "CITY", DateTimeOffset? closedAt = null, bool merged = false, DateTimeOffset? acceptDeadline = null, string[]? regions = null) =>
        new(id, "litter", regions ?? ["T", "A"], department, D, closedAt, false, merged, 0, null, [new SlaTally(0, 0, acceptDeadline), None, None, None], 1);

    [Theory]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 10, 20 }, 19)]
    [InlineData(new double[] { 40, 10, 30, 20 }, 37)]
    public void P90_interpolates_between_the_nearest_ranks_like_percentile_cont(double[] values, double expected) =>
        Assert.Equal(expected, KpiTally.Percentile([.. values], 0.9)!.Value, 9);

    [Fact]
    public void A_running_clock_counts_late_only_once_past_its_deadline()
    {
        var cases = new[] { Case("a", acceptDeadline: D.AddHours(1)), Case("b", acceptDeadline: D.AddHours(3)) };
        var report = KpiCalculator.Compute(cases, new KpiQuery("T", null, null, null, null), D.AddHours(2));
        Assert.Equal(new StageOnTime(0, 1, 0), report.Total.OnTime.Accept);
    }

    [Fact]
    public void Merged_duplicates_and_cases_outside_the_region_or_window_are_left_out()
    {
        var cases = new[] { Case("a"), Case("merged", merged: true), Case("elsewhere", regions: ["T", "B"]) };
        Assert.Equal(1, KpiCalculator.Compute(cases, new KpiQuery("A", null, null, null, null), D).Total.Incidents);
        Assert.Equal(0, KpiCalculator.Compute(cases, new KpiQuery("T", null, null, D.AddMinutes(1), null), D).Total.Incidents);
        Assert.Equal(2, KpiCalculator.Compute(cases, new KpiQuery("T", null, null, D, D.AddMinutes(1)), D).Total.Incidents);
    }

    [Fact]
    public void Cases_without_a_department_form_the_last_group_with_a_null_key()
    {
        var cases = new[] { Case("a", department: "WATER"), Case("b", department: null), Case("c", department: "CITY", closedAt: D.AddHours(2)) };
        var report = KpiCalculator.Compute(cases, new KpiQuery("T", null, null, null, null, KpiGrouping.Department), D);
        Assert.Equal(["CITY", "WATER", null], report.Groups.Select(g => g.Key));
        Assert.Equal(7200, report.Groups[0].Figures.MeanTimeToCloseSeconds);
        Assert.Equal(1.0 / 3, report.Total.ClosureRate);
    }
}
