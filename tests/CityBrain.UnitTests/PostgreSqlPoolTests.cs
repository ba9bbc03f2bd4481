using CityBrain.Persistence;
using Npgsql;

namespace CityBrain.UnitTests;

public sealed class PostgreSqlPoolTests
{
    private static int PoolSizeOf(string connectionString) => new NpgsqlConnectionStringBuilder(PostgreSqlPool.WithDefaultPoolSize(connectionString)).MaxPoolSize;

    [Fact]
    public void Connection_string_without_a_pool_size_gets_the_default_of_20_and_keeps_everything_else()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlPool.WithDefaultPoolSize("Host=db.example;Port=5433;Database=citybrain;Username=citybrain;Password='s;cret'"));

        Assert.Equal(20, PostgreSqlPool.DefaultMaxPoolSize);
        Assert.Equal(20, builder.MaxPoolSize);
        Assert.Equal(("db.example", 5433, "citybrain", "citybrain", "s;cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("Host=a;Maximum Pool Size=7", 7)]
    [InlineData("Host=a;MaxPoolSize=7", 7)]
    [InlineData("Host=a;maximum pool size=7", 7)]
    [InlineData("Host=a;MAXPOOLSIZE=7", 7)]
    [InlineData("Maximum Pool Size=500;Host=a", 500)]
    // Npgsql's own default, written out, is a choice too.
    [InlineData("Host=a;Maximum Pool Size=100", 100)]
    [InlineData("Host=a;Maximum Pool Size=20", 20)]
    public void A_pool_size_the_connection_string_sets_under_any_spelling_wins(string connectionString, int expected)
    {
        Assert.Equal(expected, PoolSizeOf(connectionString));
    }

    [Fact]
    public void A_setting_named_like_the_pool_size_inside_another_value_does_not_count_as_one()
    {
        // Only a parser knows that this is the application name, not the pool size.
        Assert.Equal(PostgreSqlPool.DefaultMaxPoolSize, PoolSizeOf("Host=a;Application Name='Maximum Pool Size=5'"));
    }

    [Fact]
    public void A_connection_string_Npgsql_cannot_parse_is_refused_with_its_message()
    {
        Assert.Throws<ArgumentException>(() => PostgreSqlPool.WithDefaultPoolSize("Host=a;Max Pool Size=5"));
        Assert.Throws<ArgumentException>(() => PostgreSqlPool.WithDefaultPoolSize("Host=a;Maximum Pool Size=many"));
    }

    [Fact]
    public async Task Data_source_bounds_its_connections_by_the_pool_size_and_says_so_unless_pooling_is_off()
    {
        await using var pooled = PostgreSqlPool.CreateDataSource("Host=a");
        await using var explicitSize = PostgreSqlPool.CreateDataSource("Host=a;MaxPoolSize=33");
        await using var unpooled = PostgreSqlPool.CreateDataSource("Host=a;Pooling=false");

        Assert.Equal(20, PostgreSqlPool.MaxConnections(pooled));
        Assert.Equal(33, PostgreSqlPool.MaxConnections(explicitSize));
        Assert.Null(PostgreSqlPool.MaxConnections(unpooled));
    }
}
