using CityBrain.Bench.Suite;

namespace CityBrain.UnitTests.Bench;

public sealed class FeedEventIdTests
{
    [Theory]
    [InlineData(0, FeedEventKind.Detection, 7, "s0-d-h7")]
    [InlineData(1041, FeedEventKind.Report, 0, "s1041-r-h0")]
    [InlineData(1042, FeedEventKind.Reading, null, "s1042-v")]
    [InlineData(9_999_999_999, FeedEventKind.Crossing, null, "s9999999999-x")]
    [InlineData(3, FeedEventKind.Unknown, null, "s3-u")]
    public void An_id_says_its_number_kind_and_happening(long number, FeedEventKind kind, int? happening, string id)
    {
        Assert.Equal(id, FeedEventId.Format(number, kind, happening));
        Assert.True(FeedEventId.TryParse(id, out var n, out var k, out var h));
        Assert.Equal((number, kind, happening), (n, k, h));
    }

    [Theory]
    [InlineData("")]
    [InlineData("h1-2")]
    [InlineData("s-d-h1")]
    [InlineData("s1-d")]
    [InlineData("s1-v-h2")]
    [InlineData("s1-q")]
    [InlineData("s1-d-h")]
    [InlineData("s1-d-hx")]
    [InlineData("s-1-v")]
    [InlineData("s1-v ")]
    public void Anything_else_is_not_a_suite_id(string id)
    {
        Assert.False(FeedEventId.TryParse(id, out _, out _, out _));
    }
}
