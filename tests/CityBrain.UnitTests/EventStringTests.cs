using CityBrain.Ingest.Events;
using static CityBrain.UnitTests.NormalizerHarness;

namespace CityBrain.UnitTests;

/// <summary>Names and texts an event carries are bounded, free of control characters, and categories meet their normal form.</summary>
public sealed class EventStringTests
{
    private static string Template(string name) => name switch { "Reading" => Reading, "Report" => Report, _ => Detection };

    private static string WithValue(string template, string field, string value)
    {
        var json = Template(template);
        var key = $"\"{field}\":\"";
        var start = json.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var end = json.IndexOf('"', start);
        return json[..start] + value + json[end..];
    }

    [Theory]
    [InlineData("Detection", "id", "id", EventLimits.KeyMaxLength)]
    [InlineData("Detection", "source", "source", EventLimits.KeyMaxLength)]
    [InlineData("Detection", "subject", "subject", EventLimits.KeyMaxLength)]
    [InlineData("Detection", "category", "data.category", EventLimits.CategoryMaxLength)]
    [InlineData("Reading", "metric", "data.metric", EventLimits.CategoryMaxLength)]
    [InlineData("Reading", "unit", "data.unit", EventLimits.UnitMaxLength)]
    [InlineData("Report", "description", "data.description", EventLimits.DescriptionMaxLength)]
    public void A_string_at_its_limit_is_taken_and_one_character_more_is_refused(string template, string key, string field, int limit)
    {
        Assert.NotNull(Normalize(WithValue(template, key, new string('x', limit))).Observation);
        var error = Refusal(WithValue(template, key, new string('x', limit + 1)));
        Assert.Equal((field, $"is {limit + 1} characters long; at most {limit}"), (error.Field, error.Reason));
    }

    [Fact]
    public void A_crs_longer_than_its_limit_is_refused_without_echoing_it_whole()
    {
        var error = Refusal(WithValue("Detection", "crs", new string('w', 100_000)));
        Assert.Equal("data.crs", error.Field);
        Assert.Contains($"longer than {EventLimits.CrsMaxLength} characters", error.Reason);
        Assert.True(error.Reason.Length < 200, error.Reason);
    }

    [Fact]
    public void A_refusal_does_not_carry_an_oversize_id_or_source()
    {
        var result = Normalize(WithValue("Detection", "id", new string('x', 10_000)).Replace("\"lat\":50.01", "\"lat\":-91"));
        Assert.Equal(("id", (string?)null, "vca"), (result.Error!.Field, result.EventId, result.Source));
    }

    [Theory]
    [InlineData("Detection", "id", "id", "a\\nb", "U+000A at index 1")]
    [InlineData("Detection", "source", "source", "\\u0000vca", "U+0000 at index 0")]
    [InlineData("Detection", "subject", "subject", "cam\\u001b[31m", "U+001B at index 3")]
    [InlineData("Detection", "category", "data.category", "smoke\\rfire", "U+000D at index 5")]
    [InlineData("Reading", "metric", "data.metric", "level\\u2028x", "U+2028 at index 5")]
    [InlineData("Reading", "unit", "data.unit", "c\u0085m", "U+0085 at index 1")]
    [InlineData("Detection", "id", "id", "e1\u2029", "U+2029 at index 2")]
    public void A_control_character_in_a_name_is_refused_naming_the_field_and_its_position(string template, string key, string field, string value, string where)
    {
        var error = Refusal(WithValue(template, key, value));
        Assert.Equal(field, error.Field);
        Assert.Equal($"holds the control character {where} (0-based); control characters are refused because they forge log lines", error.Reason);
    }

    [Fact]
    public void A_description_keeps_line_ends_and_tabs_but_no_other_control_character()
    {
        Assert.Equal("line one\r\n\tline two", Normalize(WithValue("Report", "description", "line one\\r\\n\\tline two")).Observation!.Description);
        var error = Refusal(WithValue("Report", "description", "line one\\u0007line two"));
        Assert.Equal(("data.description", "holds the control character U+0007 at index 8 (0-based) (only \\n, \\r and \\t are allowed); control characters are refused because they forge log lines"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData("Detection", "category", "Noise - Residential", "noise_residential")]
    [InlineData("Detection", "category", "  Smoke_Fire ", "smoke_fire")]
    [InlineData("Report", "category", "Street Light Condition", "street_light_condition")]
    [InlineData("Reading", "metric", "Water Level (cm)", "water_level_cm")]
    [InlineData("Detection", "category", "积水", "积水")]
    public void Categories_and_metrics_are_taken_in_their_normal_form(string template, string key, string sent, string topic) =>
        Assert.Equal(topic, Normalize(WithValue(template, key, sent)).Observation!.Category);

    [Theory]
    [InlineData("Detection", "category", "data.category", "---")]
    [InlineData("Reading", "metric", "data.metric", "(  )")]
    public void A_category_or_metric_without_a_letter_or_digit_is_refused_naming_it(string template, string key, string field, string sent)
    {
        var error = Refusal(WithValue(template, key, sent));
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"\"{sent}\" holds no letter or digit; required: ", error.Reason);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("subject")]
    public void A_blank_key_is_refused_as_required(string key) =>
        Assert.Equal(key, Refusal(WithValue("Detection", key, "   ")).Field);
}
