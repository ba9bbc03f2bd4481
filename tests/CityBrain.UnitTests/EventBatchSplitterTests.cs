using System.Text;
using CityBrain.Ingest.Batches;

namespace CityBrain.UnitTests;

public sealed class EventBatchSplitterTests
{
    private static EventBatchSplit Split(string body, bool ndjson = false, int max = 100) => EventBatchSplitter.Split(Encoding.UTF8.GetBytes(body), ndjson, max);

    private static string Text(ReadOnlyMemory<byte> item) => Encoding.UTF8.GetString(item.Span);

    [Fact]
    public void One_object_is_a_single_event_with_its_exact_bytes()
    {
        var split = Split(" {\"id\": \"a\"}\n");
        Assert.Null(split.Error);
        Assert.True(split.Single);
        Assert.Equal(" {\"id\": \"a\"}\n", Text(Assert.Single(split.Items)));
    }

    [Fact]
    public void Array_elements_keep_their_exact_bytes_even_invalid_utf8_inside_a_string()
    {
        byte[] body = [.. "[{\"id\":\"a\"}, {\"d\":\"caf"u8, 0xE9, .. "\"} ,42]"u8];
        var split = EventBatchSplitter.Split(body, ndjson: false, maxItems: 10);
        Assert.Null(split.Error);
        Assert.False(split.Single);
        Assert.Equal(3, split.Count);
        Assert.Equal("{\"id\":\"a\"}", Text(split.Items[0]));
        Assert.Equal([.. "{\"d\":\"caf"u8, 0xE9, .. "\"}"u8], split.Items[1].ToArray());
        Assert.Equal("42", Text(split.Items[2]));
    }

    [Fact]
    public void Ndjson_lines_are_events_and_blank_lines_are_skipped()
    {
        var split = Split("{\"id\":\"a\"}\r\n\n   \n{\"id\":\"b\"}\nnot json", ndjson: true);
        Assert.Null(split.Error);
        Assert.Equal(["{\"id\":\"a\"}\r", "{\"id\":\"b\"}", "not json"], split.Items.Select(Text));
    }

    [Fact]
    public void Events_past_the_maximum_are_counted_but_not_kept()
    {
        var array = Split("[" + string.Join(",", Enumerable.Repeat("{}", 25)) + "]", max: 10);
        var lines = Split(string.Join("\n", Enumerable.Repeat("{}", 25)), ndjson: true, max: 10);
        Assert.Equal((25, 10), (array.Count, array.Items.Count));
        Assert.Equal((25, 10), (lines.Count, lines.Items.Count));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(" \r\n\t ", false)]
    [InlineData("\n\n", true)]
    public void An_empty_body_says_what_to_send(string body, bool ndjson)
    {
        var error = Split(body, ndjson).Error;
        Assert.Equal("$", error?.Field);
        Assert.Equal("empty body: send one CloudEvent (JSON object), a JSON array of them, or NDJSON", error?.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, 1, "0x89")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, 1, "0x1F")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', 0x00, (byte)'"', (byte)'}' }, 4, "0x00")]
    public void A_binary_body_is_refused_as_binary_with_the_byte_and_no_ndjson_hint(byte[] body, int position, string hex)
    {
        foreach (var ndjson in new[] { false, true })
        {
            var reason = EventBatchSplitter.Split(body, ndjson, 10).Error?.Reason;
            Assert.Equal($"the body is binary, not UTF-8 JSON text: byte {position} (counted from 1) is {hex}; send CloudEvents as UTF-8 JSON", reason);
        }
    }

    [Fact]
    public void A_parse_error_gives_one_position_counted_from_1_without_the_readers_own()
    {
        var reason = Split("[{\"id\":\"a\"},\n {\"id\": }]").Error?.Reason;
        Assert.Equal("not valid JSON at line 2, byte 9 (both counted from 1), in event [1]: '}' is an invalid start of a value.", reason);
        Assert.DoesNotContain("LineNumber", reason);
        Assert.DoesNotContain("ndjson", reason);
    }

    [Fact]
    public void Several_objects_one_per_line_sent_as_json_get_the_ndjson_hint()
    {
        var reason = Split("{\"id\":\"a\"}\n{\"id\":\"b\"}\n").Error?.Reason;
        Assert.StartsWith("not valid JSON at line 2, byte 1 (both counted from 1): ", reason);
        Assert.EndsWith("; the body looks like one JSON object per line: send it with Content-Type application/x-ndjson", reason);
    }

    [Theory]
    [InlineData("{\"id\":\"a\"")]
    [InlineData("[{\"id\":\"a\"}")]
    [InlineData("[{\"id\":\"a\"}] {}")]
    [InlineData("hello")]
    public void Truncated_or_trailing_text_is_not_json_and_gets_no_ndjson_hint(string body)
    {
        var reason = Split(body).Error?.Reason;
        Assert.StartsWith("not valid JSON at line 1, byte ", reason);
        Assert.DoesNotContain("ndjson", reason);
    }

    [Fact]
    public void An_empty_array_has_no_events()
    {
        Assert.Equal("no events in the body: the array is empty", Split(" [ ] ").Error?.Reason);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. "[{}]"u8];
        var split = EventBatchSplitter.Split(body, ndjson: false, maxItems: 10);
        Assert.Null(split.Error);
        Assert.Equal("{}", Text(Assert.Single(split.Items)));
    }
}
