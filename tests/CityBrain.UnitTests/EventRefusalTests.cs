using System.Text;
using CityBrain.Ingest.Events;
using static CityBrain.UnitTests.NormalizerHarness;

namespace CityBrain.UnitTests;

/// <summary>Bytes that are not a readable event are refused with a reason naming the field, never with an exception.</summary>
public sealed class EventRefusalTests
{
    private static byte[] WithByte(string json, string before, byte bad)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = Encoding.UTF8.GetBytes(json[..json.IndexOf(before, StringComparison.Ordinal)]).Length;
        return [.. bytes[..at], bad, .. bytes[at..]];
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_refused_with_its_byte_offset()
    {
        var payload = WithByte(Report, " full", 0xE9);
        var offset = Array.IndexOf(payload, (byte)0xE9);
        var error = Refusal(payload);
        Assert.Equal("$", error.Field);
        Assert.StartsWith($"not valid UTF-8 at byte {offset} (0xE9)", error.Reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_key_is_refused_as_such_not_as_a_missing_field()
    {
        var payload = WithByte(Detection, "version", 0xE9);
        var error = Refusal(payload);
        Assert.Equal(("$", $"not valid UTF-8 at byte {Array.IndexOf(payload, (byte)0xE9)} (0xE9); JSON text must be UTF-8"), (error.Field, error.Reason));
    }

    [Fact]
    public void The_malformed_corpus_latin1_report_is_refused_at_its_e_acute()
    {
        var payload = new MalformedPayloads(10.01, 50.01).Latin1Report();
        Assert.StartsWith($"not valid UTF-8 at byte {Array.IndexOf(payload, (byte)0xE9)} ", Refusal(payload).Reason);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped() =>
        Assert.NotNull(Normalize([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Detection)]).Observation);

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t")]
    [InlineData("\uFEFF")]
    public void Empty_and_whitespace_bodies_are_refused_as_empty(string body) =>
        Assert.Equal(("$", "empty: a CloudEvent JSON object is required"), (Refusal(body).Field, Refusal(body).Reason));

    [Theory]
    [InlineData("\"id\":\"e1\",", "\"id\":\"e1\",\"id\":\"e2\",", "id")]
    [InlineData("\"category\":\"smoke_fire\",", "\"category\":\"smoke_fire\",\"category\":{},", "data.category")]
    [InlineData("\"lat\":50.01", "\"lat\":50.01,\"\\u006cat\":50.02", "data.lat")]
    public void A_repeated_property_is_refused_naming_it(string find, string replace, string field)
    {
        var error = Refusal(Detection.Replace(find, replace));
        Assert.Equal((field, "appears more than once in its object; each property may be given once"), (error.Field, error.Reason));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_saying_so()
    {
        var error = Refusal(new string('[', 10_000));
        Assert.Equal(("$", $"nested deeper than {EventLimits.MaxDepth} levels of objects and arrays at byte {EventLimits.MaxDepth}"), (error.Field, error.Reason));
        var deepInData = Detection.Replace("\"crs\":\"wgs84\"", $"\"bbox\":{new string('[', 40)}{new string(']', 40)}");
        Assert.Contains("nested deeper than", Refusal(deepInData).Reason);
    }

    [Fact]
    public void A_syntax_error_before_deep_nesting_is_reported_as_the_syntax_error() =>
        Assert.StartsWith("not valid JSON at byte 1: ", Refusal("{x" + new string('[', 100)).Reason);

    [Fact]
    public void Invalid_json_names_one_position_as_a_byte_offset()
    {
        var error = Refusal("{\"a\":1,\n\"b\":tru}");
        Assert.Equal("$", error.Field);
        Assert.StartsWith("not valid JSON at byte 15: ", error.Reason);
        Assert.DoesNotContain("LineNumber", error.Reason);
    }

    [Theory]
    [InlineData("\"id\":\"e1\"", "\"id\":\"e\\ud800\"", "id")]
    [InlineData("\"category\":\"smoke_fire\"", "\"category\":\"smoke\\udc00\"", "data.category")]
    [InlineData("\"specversion\":\"1.0\",", "\"specversion\":\"1.0\",\"\\ud800\":1,", "$")]
    [InlineData("\"lat\":50.01", "\"lat\":\"\\ud800\"", "data.lat")]
    public void An_unpaired_surrogate_escape_is_refused_naming_where_it_is(string find, string replace, string field)
    {
        var error = Refusal(Detection.Replace(find, replace));
        Assert.Equal(field, error.Field);
        Assert.Contains(field == "data.lat" ? "not string (not text)" : "unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF), which is not text", error.Reason);
    }

    [Fact]
    public void Category_given_as_an_object_names_its_type() =>
        Assert.Equal(("data.category", "must be a string, not object"), (Refusal(Detection.Replace("\"smoke_fire\"", "{\"name\":\"smoke_fire\"}")).Field, Refusal(Detection.Replace("\"smoke_fire\"", "{\"name\":\"smoke_fire\"}")).Reason));

    [Theory]
    [InlineData("Detection", "\"specversion\":\"1.0\"", "\"specversion\":1.0", "specversion", "number")]
    [InlineData("Detection", "\"id\":\"e1\"", "\"id\":42", "id", "number")]
    [InlineData("Detection", "\"source\":\"vca\"", "\"source\":true", "source", "boolean")]
    [InlineData("Detection", "\"type\":\"city.camera.detection\"", "\"type\":[\"city.camera.detection\"]", "type", "array")]
    [InlineData("Detection", "\"subject\":\"cam-a\"", "\"subject\":null", "subject", "null")]
    [InlineData("Detection", "\"time\":\"2026-11-23T08:00:00Z\"", "\"time\":1763884800", "time", "number")]
    [InlineData("Detection", "\"datacontenttype\":\"application/json\"", "\"datacontenttype\":{}", "datacontenttype", "object")]
    [InlineData("Detection", "\"crs\":\"wgs84\"", "\"crs\":4326", "data.crs", "number")]
    [InlineData("Reading", "\"metric\":\"water_level_cm\"", "\"metric\":false", "data.metric", "boolean")]
    [InlineData("Reading", "\"unit\":\"cm\"", "\"unit\":[]", "data.unit", "array")]
    [InlineData("Report", "\"description\":\"bins full\"", "\"description\":{\"text\":\"bins full\"}", "data.description", "object")]
    public void A_string_field_of_another_type_is_refused_naming_the_type(string template, string find, string replace, string field, string kind)
    {
        var json = template switch { "Reading" => Reading, "Report" => Report, _ => Detection };
        var error = Refusal(json.Replace(find, replace));
        Assert.Equal((field, $"must be a string, not {kind}"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData("\"lat\":50.01", "\"lat\":\"NaN\"", "data.lat", "must be a finite JSON number, not string \"NaN\"")]
    [InlineData("\"lat\":50.01", "\"lat\":\"-Infinity\"", "data.lat", "must be a finite JSON number, not string \"-Infinity\"")]
    [InlineData("\"lon\":10.01", "\"lon\":1e400", "data.lon", "must be a finite JSON number, not 1e400")]
    [InlineData("\"confidence\":0.9", "\"confidence\":{}", "data.confidence", "must be a finite JSON number, not object")]
    [InlineData("\"confidence\":0.9", "\"confidence\":true", "data.confidence", "must be a finite JSON number, not boolean")]
    [InlineData("\"lon\":10.01", "\"lon\":1e308", "data.lon", "1E+308 is outside [-180, 180]")]
    public void A_number_field_that_is_not_a_finite_number_is_refused_saying_what_it_is(string find, string replace, string field, string reason)
    {
        var error = Refusal(Detection.Replace(find, replace));
        Assert.Equal((field, reason), (error.Field, error.Reason));
    }

    [Fact]
    public void A_long_value_is_quoted_back_cut_short()
    {
        var error = Refusal(Detection.Replace("\"lat\":50.01", $"\"lat\":\"{new string('9', 1000)}\""));
        Assert.Equal($"must be a finite JSON number, not string \"{new string('9', EventLimits.EchoMaxLength)}\"… (1000 characters)", error.Reason);
    }

    [Fact]
    public void A_reading_value_beyond_the_documented_magnitude_is_refused() =>
        Assert.Equal(("data.value", "10000000000000000 is outside [-1E+15, 1E+15]"), (Refusal(Reading.Replace("23.5", "1e16")).Field, Refusal(Reading.Replace("23.5", "1e16")).Reason));

    [Fact]
    public void Missing_both_coordinates_names_both_fields()
    {
        var error = Refusal(Detection.Replace("\"lon\":10.01,\"lat\":50.01,", ""));
        Assert.Equal(("data.lon", "required: a number"), (error.Field, error.Reason));
        Assert.Equal([new EventFieldError("data.lon", "required: a number"), new EventFieldError("data.lat", "required: a number")], error.Fields);
        Assert.Equal("data.lon: required: a number; data.lat: required: a number", error.ToString());
    }

    [Fact]
    public void Both_coordinates_out_of_range_are_named_with_their_ranges()
    {
        var error = Refusal(Detection.Replace("\"lon\":10.01,\"lat\":50.01", "\"lon\":190,\"lat\":\"x\""));
        Assert.Equal([new EventFieldError("data.lon", "190 is outside [-180, 180]"), new EventFieldError("data.lat", "must be a finite JSON number, not string \"x\"")], error.Fields);
    }

    [Fact]
    public void A_single_field_refusal_lists_just_that_field()
    {
        var error = Refusal(Detection.Replace("\"lat\":50.01", "\"lat\":-91"));
        Assert.Equal([new EventFieldError("data.lat", "-91 is outside [-90, 90]")], error.Fields);
        Assert.Empty(error.Others);
    }

    [Theory]
    [InlineData("[1]", "a CloudEvent must be a JSON object, not array")]
    [InlineData("null", "a CloudEvent must be a JSON object, not null")]
    public void A_body_that_is_not_an_object_says_what_it_is(string body, string reason) => Assert.Equal(reason, Refusal(body).Reason);
}
