using System.Buffers;
using System.Security.Cryptography;
using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.IntegrationTests.PostgreSql;

public sealed class DeadLetterStoreTests
{
    private static PostgreSqlDeadLetterStore Store(TestDatabase db, int prefix) =>
        new(db.DataSource, Options.Create(new IngestOptions { DeadLetterPayloadPrefixBytes = prefix }), NullLoggerFactory.Instance);

    [Fact]
    public async Task Letter_keeps_its_prefix_size_and_hash_and_a_page_is_read_without_payloads()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var store = Store(db, prefix: 1024);
        var payload = RandomNumberGenerator.GetBytes(200_000);
        var letter = DeadLetter.Of(Guid.NewGuid(), DateTimeOffset.UtcNow, "mqtt", "city/x/events", "$", "too large", "e1", "src", new ReadOnlySequence<byte>(payload), 1 << 20);

        await store.AddAsync(letter);

        Assert.Equal(1024, await db.ScalarAsync<int>("SELECT octet_length(payload) FROM dead_letters"));
        var one = (await store.GetAsync(letter.Id))!;
        Assert.Equal(payload[..1024], one.Payload);
        Assert.Equal(200_000, one.PayloadSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), one.PayloadSha256);
        Assert.True(one.PayloadTruncated);

        var page = await store.ListAsync(1, 20, withPayloads: false);
        var listed = Assert.Single(page.Items);
        Assert.Empty(listed.Payload);
        Assert.Equal(one.PayloadSha256, listed.PayloadSha256);
        Assert.Null(await store.GetAsync(Guid.NewGuid()));
        Assert.Empty((await store.ListAsync(int.MaxValue, 200, withPayloads: false)).Items);
    }

    [Fact]
    public async Task Letters_stored_before_the_prefix_migration_get_the_size_and_hash_of_their_payload()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        // Every migration before the one that adds the prefix columns, whatever its number.
        var before = Migration.Embedded().TakeWhile(m => !m.Name.Contains("dead_letter_prefix", StringComparison.Ordinal)).ToList();
        Assert.NotEqual(Migration.Embedded().Count, before.Count);
        await db.MigrateAsync(before);
        var id = Guid.NewGuid();
        await using (var insert = db.DataSource.CreateCommand("INSERT INTO dead_letters (id, received_at, transport, origin, field, reason, payload) VALUES ($1, now(), 'mqtt', 't', '$', 'r', $2)"))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = "hello"u8.ToArray() });
            await insert.ExecuteNonQueryAsync();
        }

        await db.MigrateAsync();

        var letter = (await Store(db, prefix: 1024).GetAsync(id))!;
        Assert.Equal(5, letter.PayloadSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("hello"u8)), letter.PayloadSha256);
    }
}
