using CityBrain.Persistence;

namespace CityBrain.IntegrationTests.PostgreSql;

public sealed class MigrationTests
{
    private const string SchemaSnapshot = """
        SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable, ',' ORDER BY table_name, column_name)
        FROM information_schema.columns WHERE table_schema = 'public'
        """;

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time_and_leaves_the_same_schema()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var first = await db.MigrateAsync();
        var schema = await db.ScalarAsync<string>(SchemaSnapshot);
        var queries = await db.ScalarAsync<string>("SELECT string_agg(querykey || md5(querytext), ',' ORDER BY querykey) FROM orleansquery");

        var second = await db.MigrateAsync();

        Assert.Equal(Migration.Embedded().Select(m => m.Name), first.Applied);
        Assert.Empty(second.Applied);
        Assert.Equal(schema, await db.ScalarAsync<string>(SchemaSnapshot));
        Assert.Equal(queries, await db.ScalarAsync<string>("SELECT string_agg(querykey || md5(querytext), ',' ORDER BY querykey) FROM orleansquery"));
    }

    [Fact]
    public async Task Orleans_query_table_holds_every_key_the_providers_require()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var keys = (await db.ScalarAsync<string>("SELECT string_agg(querykey, ',') FROM orleansquery"))!.Split(',');
        string[] required =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
            "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
            "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        Assert.Empty(required.Except(keys));
    }

    [Fact]
    public async Task Failed_migration_names_the_statement_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var broken = new Migration(9001, "9001_broken.sql", """
            CREATE TABLE fine (id int);
            -- the next statement refers to a table that does not exist
            INSERT INTO missing_table VALUES (1);
            """);

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.MigrateAsync([broken]));

        Assert.Contains("9001_broken.sql", error.Message);
        Assert.Contains("statement 2 of 2 (line 3)", error.Message);
        Assert.Contains("missing_table", error.Message);
        Assert.Null(await db.ScalarAsync<string>("SELECT to_regclass('fine')::text"));
    }

    [Fact]
    public async Task Editing_an_applied_migration_is_refused()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        await db.MigrateAsync([new Migration(9002, "9002_table.sql", "CREATE TABLE t (id int);")]);

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.MigrateAsync([new Migration(9002, "9002_table.sql", "CREATE TABLE t (id bigint);")]));

        Assert.Contains("9002_table.sql was edited after it was applied", error.Message);
    }
}
