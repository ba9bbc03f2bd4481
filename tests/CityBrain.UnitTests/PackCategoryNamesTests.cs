using System.Text.Json;
using CityBrain.Events;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Routing;
using Microsoft.Extensions.Logging;

namespace CityBrain.UnitTests;

/// <summary>Category names in routing, SLA and correlation files are matched after the one normalisation, <see cref="CategoryKey"/>.</summary>
public sealed class PackCategoryNamesTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());
    private static readonly RegionPath InA = new(["T", "A"]);

    private static CityRouting Routing(string categories)
    {
        using var document = JsonDocument.Parse($$"""
            { "version": "v1", "departments": { "CITY": "City", "POL": "Police" }, "default": { "lead": "CITY" }, "categories": { {{categories}} } }
            """);
        return RoutingLoader.Parse(document.RootElement, "routing.json", Twin.Regions);
    }

    private static SlaPolicy Sla(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SlaPolicyLoader.Parse(document.RootElement, "sla.json");
    }

    [Fact]
    public void A_raw_complaint_type_meets_its_slug_in_the_routing_table_either_way_round()
    {
        var bySlug = Routing("""
            "noise_residential": { "lead": "POL" }
            """);
        var byRawName = Routing("""
            "Noise - Residential": { "lead": "POL" }
            """);

        Assert.Equal("POL", bySlug.Route("noise_residential", InA, out var listed)!.Lead);
        Assert.True(listed);
        Assert.Equal("POL", bySlug.Route("Noise - Residential", InA)!.Lead);
        Assert.Equal("POL", byRawName.Route("noise_residential", InA)!.Lead);
        Assert.Equal("CITY", byRawName.Route("Noise - Street/Sidewalk", InA, out listed)!.Lead);
        Assert.False(listed);
    }

    [Fact]
    public void Two_routing_categories_with_one_normal_form_are_an_error_naming_both_paths()
    {
        var error = Assert.Throws<CityPackException>(() => Routing("""
            "noise_residential": { "lead": "POL" }, "Noise - Residential": { "lead": "CITY" }
            """));
        Assert.Equal("routing.json: categories.noise_residential and categories[\"Noise - Residential\"]: both are category 'noise_residential' once normalised (case, spaces and punctuation do not count); give it once", error.Message);
    }

    [Fact]
    public void A_routing_category_without_a_letter_or_digit_is_refused()
    {
        var error = Assert.Throws<CityPackException>(() => Routing("""
            " - ": { "lead": "POL" }
            """));
        Assert.Contains("categories[\" - \"]: a category name needs at least one letter or digit", error.Message);
    }

    [Fact]
    public void SLA_categories_and_quiet_periods_match_after_normalisation_and_refuse_two_spellings_of_one()
    {
        var sla = Sla("""
            { "default": { "acceptMinutes": 60 }, "categories": { "Illegal Parking": { "acceptMinutes": 5 } },
              "autoVerify": { "categories": { "Illegal-Parking": { "quietMinutes": 10 } } } }
            """);
        Assert.Equal(TimeSpan.FromMinutes(5), sla.BudgetFor("illegal_parking", Severity.Normal, SlaStage.Accept));
        Assert.Equal(TimeSpan.FromMinutes(10), sla.QuietPeriodFor("illegal_parking"));

        var twice = Assert.Throws<CityPackException>(() => Sla("""{ "categories": { "Illegal Parking": { "acceptMinutes": 5 }, "illegal_parking": { "acceptMinutes": 6 } } }"""));
        Assert.StartsWith("sla.json: categories[\"Illegal Parking\"] and categories.illegal_parking: both are category 'illegal_parking'", twice.Message);
        var quietTwice = Assert.Throws<CityPackException>(() => Sla("""{ "autoVerify": { "categories": { "A B": { "quietMinutes": 5 }, "a_b": { "quietMinutes": 6 } } } }"""));
        Assert.StartsWith("sla.json: autoVerify.categories[\"A B\"] and autoVerify.categories.a_b: both are category 'a_b'", quietTwice.Message);
    }

    [Fact]
    public void Correlation_categories_and_report_joins_are_normalised_and_two_spellings_of_one_are_refused()
    {
        var folder = TestPacks.Twin();
        var settings = Path.Combine(folder, CityPackLoader.SettingsFileName);
        var text = File.ReadAllText(settings);
        File.WriteAllText(settings, text
            .Replace("\"default\": { \"radiusMeters\": 100,", "\"categories\": { \"Smoke / Fire\": { \"radiusMeters\": 200, \"windowMinutes\": 5 } }, \"default\": { \"radiusMeters\": 100,")
            .Replace($"\"{TestPacks.ReportCategory}\": [\"{TestPacks.ReportJoinsCategory}\"]", "\"Parking Complaint\": [\"Illegal Parking\", \"parking_complaint\"]"));
        var pack = CityPackLoader.Load(folder);
        Assert.Equal(200, pack.Correlation.For("smoke_fire").RadiusMeters);
        Assert.Equal(["illegal_parking"], pack.Correlation.Reports!.Joins["parking_complaint"]);

        File.WriteAllText(settings, text.Replace("\"default\": { \"radiusMeters\": 100,", "\"categories\": { \"Smoke Fire\": { \"radiusMeters\": 200, \"windowMinutes\": 5 }, \"smoke_fire\": { \"radiusMeters\": 50, \"windowMinutes\": 5 } }, \"default\": { \"radiusMeters\": 100,"));
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(folder));
        Assert.StartsWith("citypack.json: correlation.categories[\"Smoke Fire\"] and correlation.categories.smoke_fire: both are category 'smoke_fire'", error.Message);
    }

    [Fact]
    public void Unrouted_categories_are_counted_per_category_and_each_is_logged_once()
    {
        var logger = new ListLogger();
        var unrouted = new UnroutedCategories(Twin, logger);
        unrouted.Record("noise_residential");
        unrouted.Record("noise_residential");
        unrouted.Record("blocked_driveway");

        var snapshot = unrouted.Snapshot();
        Assert.Equal([new UnroutedCategory("noise_residential", 2), new UnroutedCategory("blocked_driveway", 1)], snapshot.Categories);
        Assert.Equal(0, snapshot.Other);
        Assert.Equal(2, logger.Messages.Count);
        Assert.Contains("Category noise_residential is not in routing table twin-1 of pack Twin test city: its incidents go to the default department CITY", logger.Messages[0]);
    }

    [Fact]
    public void Unrouted_categories_past_the_bound_or_too_long_to_keep_count_as_other()
    {
        var unrouted = new UnroutedCategories(Twin, new ListLogger());
        for (var i = 0; i < UnroutedCategories.MaxCategories + 5; i++) unrouted.Record($"category_{i}");
        unrouted.Record("category_0");
        unrouted.Record(new string('x', UnroutedCategories.MaxNameLength + 1));

        var snapshot = unrouted.Snapshot();
        Assert.Equal(UnroutedCategories.MaxCategories, snapshot.Categories.Count);
        Assert.Equal(new UnroutedCategory("category_0", 2), snapshot.Categories[0]);
        Assert.Equal(6, snapshot.Other);
    }

    [Fact]
    public void A_pack_without_a_routing_file_counts_nothing_as_unrouted()
    {
        var folder = TestPacks.Twin();
        var settings = Path.Combine(folder, CityPackLoader.SettingsFileName);
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"routing\": \"routing.json\",", ""));
        var unrouted = new UnroutedCategories(CityPackLoader.Load(folder), new ListLogger());
        unrouted.Record("anything");
        Assert.Empty(unrouted.Snapshot().Categories);
    }

    private sealed class ListLogger : ILogger<UnroutedCategories>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
