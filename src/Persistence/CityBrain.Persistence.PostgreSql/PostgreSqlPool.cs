using Npgsql;

namespace CityBrain.Persistence;

/// <summary>
/// The one connection pool of a CityBrain process: every store and every Orleans ADO.NET provider of a node draws
/// from the <see cref="NpgsqlDataSource"/> made here, so its <c>Maximum Pool Size</c> bounds the node's connections.
/// </summary>
public static class PostgreSqlPool
{
    /// <summary>
    /// The pool size of a node whose connection string does not set <c>Maximum Pool Size</c>. Npgsql's own default,
    /// 100, is all a default PostgreSQL allows (<c>max_connections</c> 100, 3 of them reserved for superusers), so
    /// a second busy node was refused with <c>53300: sorry, too many clients already</c>. 20 lets four nodes share
    /// a default server (4 × 20 = 80 of 97) with room for <c>psql</c> and <c>db migrate</c>. Past a few busy
    /// connections per core of the database server, more connections add contention, not throughput.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// <paramref name="connectionString"/> with <see cref="DefaultMaxPoolSize"/> when it sets no pool size of its
    /// own (under any of Npgsql's spellings); a size it sets always wins. Throws <see cref="ArgumentException"/>
    /// for a string Npgsql cannot parse.
    /// </summary>
    public static string WithDefaultPoolSize(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql keeps a keyword it parsed under its canonical name whatever the spelling used ("MaxPoolSize",
        // "Maximum Pool Size"), and ShouldSerialize says whether the string set it: the property alone cannot tell
        // an explicit 100 from Npgsql's default.
        if (!builder.ShouldSerialize(CanonicalMaxPoolSizeKeyword)) builder.MaxPoolSize = DefaultMaxPoolSize;
        return builder.ConnectionString;
    }

    /// <summary>The data source of the process, with <see cref="WithDefaultPoolSize"/> applied.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(WithDefaultPoolSize(connectionString));

    /// <summary>The most connections <paramref name="dataSource"/> opens at once; null when it does not pool (<c>Pooling=false</c>).</summary>
    public static int? MaxConnections(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return builder.Pooling ? builder.MaxPoolSize : null;
    }

    private const string CanonicalMaxPoolSizeKeyword = "Maximum Pool Size";
}
