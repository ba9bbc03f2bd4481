using System.Buffers;
using System.Security.Cryptography;
using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.UnitTests;

public sealed class DeadLetterStoreTests
{
    private static DeadLetter Letter(byte[] payload, int prefix) =>
        DeadLetter.Of(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "mqtt", "city/x/events", "$", "too large", null, null, new ReadOnlySequence<byte>(payload), prefix);

    private static InMemoryDeadLetterStore Store(IngestOptions options) => new(Options.Create(options), NullLogger<InMemoryDeadLetterStore>.Instance);

    [Fact]
    public void Letter_keeps_the_prefix_with_the_size_and_SHA256_of_the_whole_payload()
    {
        var payload = RandomNumberGenerator.GetBytes(3 << 20);
        var letter = Letter(payload, prefix: 1024);

        Assert.Equal(payload[..1024], letter.Payload);
        Assert.Equal(3L << 20, letter.PayloadSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), letter.PayloadSha256);
        Assert.True(letter.PayloadTruncated);
    }

    [Fact]
    public async Task Letter_made_whole_is_cut_to_the_prefix_by_the_store_keeping_size_and_hash()
    {
        var payload = RandomNumberGenerator.GetBytes(10_000);
        var store = Store(new IngestOptions { DeadLetterPayloadPrefixBytes = 100 });
        var whole = new DeadLetter(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "http", "/api/events", "$", "bad", null, null, payload);

        await store.AddAsync(whole);

        var kept = (await store.GetAsync(whole.Id))!;
        Assert.Equal(payload[..100], kept.Payload);
        Assert.Equal(10_000, kept.PayloadSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), kept.PayloadSha256);
    }

    [Fact]
    public async Task Store_bounded_by_bytes_drops_the_oldest_and_counts_them()
    {
        var store = Store(new IngestOptions { DeadLetterStoreBytes = 1 << 20, DeadLetterPayloadPrefixBytes = 64 << 10 });
        var letters = Enumerable.Range(0, 40).Select(_ => Letter(new byte[100_000], prefix: 64 << 10)).ToList();
        foreach (var l in letters) await store.AddAsync(l);

        var page = await store.ListAsync(1, 200, withPayloads: false);
        Assert.InRange(page.Items.Count, 14, 16);
        Assert.Equal(40 - page.Items.Count, page.Discarded);
        Assert.Equal(letters[^1].Id, page.Items[0].Id);
        Assert.Null(await store.GetAsync(letters[0].Id));
    }

    [Fact]
    public async Task Listing_without_payloads_keeps_size_and_hash_and_one_letter_has_its_payload()
    {
        var store = Store(new IngestOptions());
        var letter = Letter([1, 2, 3], prefix: 1024);
        await store.AddAsync(letter);

        var listed = Assert.Single((await store.ListAsync(1, 20, withPayloads: false)).Items);
        Assert.Empty(listed.Payload);
        Assert.Equal(3, listed.PayloadSize);
        Assert.Equal(letter.PayloadSha256, listed.PayloadSha256);
        Assert.Equal([1, 2, 3], (await store.GetAsync(letter.Id))!.Payload);
        Assert.Null(await store.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Page_far_past_the_end_is_empty_not_an_overflow()
    {
        var store = Store(new IngestOptions());
        await store.AddAsync(Letter([1], prefix: 10));
        Assert.Empty((await store.ListAsync(int.MaxValue, 200, withPayloads: false)).Items);
    }
}
