namespace CityBrain.Silo;

public enum StorageProvider
{
    /// <summary>Everything in memory, one silo on localhost: nothing survives a restart.</summary>
    Memory,

    /// <summary>Grain state, membership and reminders in PostgreSQL through Orleans' ADO.NET providers.</summary>
    PostgreSql,
}
