namespace CityBrain.Persistence;

/// <summary>
/// Whether the nodes of a cluster can all fill their connection pools on one PostgreSQL server. Each node may open
/// up to <see cref="PoolSize"/> connections (its <c>Maximum Pool Size</c>, assumed the same on every node), and the
/// server takes at most <c>max_connections</c> minus the connections it reserves for superusers
/// (<c>superuser_reserved_connections</c>) and for roles with <c>pg_use_reserved_connections</c>
/// (<c>reserved_connections</c>, PostgreSQL 16 and later) from everyone else. Past that, each new connection is
/// refused with 53300 (too_many_connections), which is what a node gets when the others are busy.
/// </summary>
/// <param name="MaxConnections">The server's <c>max_connections</c>.</param>
/// <param name="ReservedConnections"><c>superuser_reserved_connections</c> plus <c>reserved_connections</c>.</param>
/// <param name="Nodes">The nodes sharing the server: this one and the other live members of its cluster.</param>
/// <param name="PoolSize">Connections per node.</param>
public sealed record ConnectionBudget(int MaxConnections, int ReservedConnections, int Nodes, int PoolSize)
{
    /// <summary>Connections the server gives to ordinary roles.</summary>
    public int Available => Math.Max(0, MaxConnections - ReservedConnections);

    /// <summary>Connections the nodes may open between them, all pools full.</summary>
    public long Needed => (long)Nodes * PoolSize;

    public bool Fits => Needed <= Available;

    /// <summary>Why the nodes do not fit and what to change; null when they fit.</summary>
    public string? Refusal()
    {
        if (Fits) return null;
        var nodes = Nodes == 1 ? "1 node (this one)" : $"{Nodes} nodes (this one and {Nodes - 1} other live {(Nodes == 2 ? "member" : "members")} of its cluster)";
        var perNode = Available / Nodes;
        var lower = perNode >= 1
            ? $"set Maximum Pool Size={perNode} or less in Storage:ConnectionString"
            : "run fewer nodes on this server";
        return $"PostgreSQL cannot take the connections of {nodes} with Maximum Pool Size {PoolSize} each: {Needed} connections, "
               + $"but max_connections {MaxConnections} minus {ReservedConnections} reserved (superuser_reserved_connections + reserved_connections) leaves {Available}. "
               + $"Either {lower}, or raise max_connections to {Needed + ReservedConnections} or more on the server (postgresql.conf, then a restart)";
    }
}
