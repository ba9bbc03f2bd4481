using CityBrain.Persistence;

namespace CityBrain.UnitTests;

public sealed class ConnectionBudgetTests
{
    // PostgreSQL's defaults: max_connections 100, superuser_reserved_connections 3, reserved_connections 0.
    private const int DefaultMax = 100;
    private const int DefaultReserved = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Up_to_four_nodes_with_the_default_pool_fit_a_default_PostgreSQL(int nodes)
    {
        var budget = new ConnectionBudget(DefaultMax, DefaultReserved, nodes, PostgreSqlPool.DefaultMaxPoolSize);

        Assert.True(budget.Fits);
        Assert.Null(budget.Refusal());
    }

    [Fact]
    public void Two_nodes_with_Npgsqls_own_default_of_100_do_not_fit_and_the_message_says_what_to_change()
    {
        var refusal = new ConnectionBudget(DefaultMax, DefaultReserved, 2, 100).Refusal();

        Assert.Equal(
            "PostgreSQL cannot take the connections of 2 nodes (this one and 1 other live member of its cluster) with Maximum Pool Size 100 each: 200 connections, "
            + "but max_connections 100 minus 3 reserved (superuser_reserved_connections + reserved_connections) leaves 97. "
            + "Either set Maximum Pool Size=48 or less in Storage:ConnectionString, or raise max_connections to 203 or more on the server (postgresql.conf, then a restart)",
            refusal);
    }

    [Fact]
    public void A_fifth_default_node_does_not_fit()
    {
        var refusal = new ConnectionBudget(DefaultMax, DefaultReserved, 5, PostgreSqlPool.DefaultMaxPoolSize).Refusal();

        Assert.NotNull(refusal);
        Assert.Contains("5 nodes (this one and 4 other live members of its cluster) with Maximum Pool Size 20 each: 100 connections", refusal);
        Assert.Contains("Maximum Pool Size=19 or less", refusal);
        Assert.Contains("raise max_connections to 103 or more", refusal);
    }

    [Theory]
    [InlineData(97, true)]
    [InlineData(98, false)]
    public void The_pools_may_take_every_connection_left_after_the_reserved_ones_and_not_one_more(int poolSize, bool fits)
    {
        var budget = new ConnectionBudget(DefaultMax, DefaultReserved, 1, poolSize);

        Assert.Equal(fits, budget.Fits);
        Assert.Equal(fits, budget.Refusal() is null);
    }

    [Fact]
    public void One_node_alone_with_a_pool_larger_than_the_server_is_refused_naming_only_itself()
    {
        var refusal = new ConnectionBudget(DefaultMax, DefaultReserved, 1, 500).Refusal();

        Assert.NotNull(refusal);
        Assert.StartsWith("PostgreSQL cannot take the connections of 1 node (this one) with Maximum Pool Size 500 each: 500 connections", refusal);
    }

    [Fact]
    public void Reserved_connections_of_PostgreSQL_16_count_with_the_superusers()
    {
        // 20 × 4 = 80 fits 100 - 3 but not 100 - 3 - 20.
        Assert.True(new ConnectionBudget(DefaultMax, DefaultReserved, 4, 20).Fits);
        var budget = new ConnectionBudget(DefaultMax, DefaultReserved + 20, 4, 20);

        Assert.False(budget.Fits);
        Assert.Contains("minus 23 reserved", budget.Refusal());
        Assert.Contains("leaves 77", budget.Refusal());
    }

    [Fact]
    public void More_nodes_than_connections_left_asks_for_fewer_nodes_or_a_larger_server_not_a_pool_of_zero()
    {
        var refusal = new ConnectionBudget(10, 3, 8, 1).Refusal();

        Assert.NotNull(refusal);
        Assert.Contains("Either run fewer nodes on this server, or raise max_connections to 11 or more", refusal);
        Assert.DoesNotContain("Maximum Pool Size=0", refusal);
    }

    [Fact]
    public void A_server_that_reserves_everything_leaves_nothing_and_huge_pools_do_not_overflow()
    {
        Assert.Equal(0, new ConnectionBudget(3, 3, 1, 1).Available);
        Assert.False(new ConnectionBudget(3, 5, 1, 1).Fits);
        var huge = new ConnectionBudget(int.MaxValue, 0, 3, int.MaxValue);

        Assert.False(huge.Fits);
        Assert.Equal(3L * int.MaxValue, huge.Needed);
    }
}
