using System.ComponentModel.DataAnnotations;
using System.Text;
using CityBrain.Ingest;
using static CityBrain.UnitTests.NormalizerHarness;

namespace CityBrain.UnitTests;

/// <summary>An event's time is RFC 3339, not before the configured floor and not further ahead of the clock than the configured skew.</summary>
public sealed class EventTimeTests
{
    private static string At(string time) => Detection.Replace("2026-11-23T08:00:00Z", time);

    [Theory]
    [InlineData("2026-11-23T08:00:00Z", "2026-11-23T08:00:00.0000000+00:00")]
    [InlineData("2026-11-23t08:00:00z", "2026-11-23T08:00:00.0000000+00:00")]
    [InlineData("2026-11-23T16:00:00+08:00", "2026-11-23T08:00:00.0000000+00:00")]
    [InlineData("2026-11-23T03:00:00-05:00", "2026-11-23T08:00:00.0000000+00:00")]
    [InlineData("2026-11-23T08:00:00.5Z", "2026-11-23T08:00:00.5000000+00:00")]
    [InlineData("2026-11-23T08:00:00.1234567+00:00", "2026-11-23T08:00:00.1234567+00:00")]
    [InlineData("2013-12-25T08:00:00-05:00", "2013-12-25T13:00:00.0000000+00:00")]
    [InlineData("1990-01-01T00:00:00Z", "1990-01-01T00:00:00.0000000+00:00")]
    public void An_rfc3339_time_is_taken_as_its_utc_instant(string time, string utc)
    {
        var observation = Normalize(At(time)).Observation!;
        Assert.Equal(utc, observation.ObservedAt.ToString("O"));
    }

    [Theory]
    [InlineData("11/23/2026", "is not RFC 3339")]
    [InlineData("Monday, 23 November 2026", "is not RFC 3339")]
    [InlineData("2026-11-23", "is not RFC 3339")]
    [InlineData("2026-11-23T08:00:00", "has no UTC offset")]
    [InlineData("2026-11-23 08:00:00Z", "separates date and time with a space")]
    [InlineData("2026-11-23T08:00:00.12345678Z", "more than 7 fraction digits")]
    [InlineData("2026-11-23T08:00:00.Z", "without fraction digits")]
    [InlineData("2026-11-23T08:00:00+0800", "does not end in a UTC offset")]
    [InlineData("2026-11-23T08:00:00+24:00", "outside ±23:59")]
    [InlineData("2026-02-30T08:00:00Z", "is not a real date")]
    [InlineData("2026-11-23T24:00:00Z", "is not a real date")]
    [InlineData("2026-11-23T08:00:60Z", "leap second")]
    [InlineData("0001-01-01T00:00:00+01:00", "outside the years 0001–9999")]
    public void A_time_that_is_not_rfc3339_is_refused_saying_why(string time, string because)
    {
        var error = Refusal(At(time));
        Assert.Equal("time", error.Field);
        Assert.StartsWith($"\"{time}\" ", error.Reason);
        Assert.Contains(because, error.Reason);
    }

    [Fact]
    public void A_time_up_to_the_skew_ahead_is_taken_and_one_past_it_is_refused_naming_both_times()
    {
        Assert.NotNull(Normalize(At("2026-11-23T09:05:00Z")).Observation);
        var error = Refusal(At("2026-11-23T09:05:00.0000001Z"));
        Assert.Equal(("time", "2026-11-23T09:05:00.0000001Z is more than 300 s ahead of this node's clock (2026-11-23T09:00:00Z); check the sender's clock and time zone (Ingest:MaxFutureSkewSeconds)"), (error.Field, error.Reason));
    }

    [Fact]
    public void The_skew_is_a_setting()
    {
        var strict = Normalizer(new IngestOptions { MaxFutureSkewSeconds = 0 });
        Assert.NotNull(strict.Normalize(Encoding.UTF8.GetBytes(At("2026-11-23T09:00:00Z"))).Observation);
        Assert.Equal("time", strict.Normalize(Encoding.UTF8.GetBytes(At("2026-11-23T09:00:01Z"))).Error!.Field);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2999-01-01T00:00:00+14:00")]
    public void A_far_future_time_is_refused(string time) => Assert.Contains("ahead of this node's clock", Refusal(At(time)).Reason);

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("1989-12-31T23:59:59.9999999Z", "1989-12-31T23:59:59.9999999Z")]
    [InlineData("1970-01-01T00:00:00+00:00", "1970-01-01T00:00:00Z")]
    public void A_time_before_the_floor_is_refused_naming_both_times(string time, string shown)
    {
        var error = Refusal(At(time));
        Assert.Equal(("time", $"{shown} is before 1990-01-01T00:00:00Z, the earliest event time taken (Ingest:EarliestEventTime)"), (error.Field, error.Reason));
    }

    [Fact]
    public void The_floor_is_a_setting_and_an_absolute_time_not_an_age()
    {
        var from2020 = Normalizer(new IngestOptions { EarliestEventTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal("time", from2020.Normalize(Encoding.UTF8.GetBytes(At("2013-12-25T08:00:00-05:00"))).Error!.Field);

        // Years later, a 2013 replay is still taken under the default floor.
        var later = Normalizer(now: new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.NotNull(later.Normalize(Encoding.UTF8.GetBytes(At("2013-12-25T08:00:00-05:00"))).Observation);
    }

    [Fact]
    public void The_time_settings_are_validated_against_their_ranges()
    {
        static bool Valid(IngestOptions options) => Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);
        Assert.True(Valid(new IngestOptions()));
        Assert.True(Valid(new IngestOptions { MaxFutureSkewSeconds = 86_400, EarliestEventTime = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.False(Valid(new IngestOptions { MaxFutureSkewSeconds = 86_401 }));
        Assert.False(Valid(new IngestOptions { MaxFutureSkewSeconds = -1 }));
        Assert.False(Valid(new IngestOptions { EarliestEventTime = DateTimeOffset.MinValue }));
        Assert.False(Valid(new IngestOptions { EarliestEventTime = new DateTimeOffset(2100, 1, 2, 0, 0, 0, TimeSpan.Zero) }));
    }
}
