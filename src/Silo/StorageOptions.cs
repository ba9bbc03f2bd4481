using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace CityBrain.Silo;

/// <summary>Where state lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><see cref="StorageProvider.Memory"/> (embedded default) or <see cref="StorageProvider.PostgreSql"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;

    /// <summary>Npgsql connection string, required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending schema migrations when the host starts (PostgreSQL only).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Storage:ConnectionString is required when Storage:Provider is PostgreSql", [nameof(ConnectionString)]);
        }
        else if (Provider == StorageProvider.PostgreSql && ParseError(ConnectionString!) is { } error)
        {
            yield return new ValidationResult($"Storage:ConnectionString: {error}", [nameof(ConnectionString)]);
        }
    }

    // The pool size default is applied by parsing the string, so a string Npgsql cannot parse is refused here, by
    // its setting's name, rather than as a stack trace from the first connection.
    private static string? ParseError(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
