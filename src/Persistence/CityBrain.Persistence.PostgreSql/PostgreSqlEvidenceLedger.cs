using CityBrain.Events;
using CityBrain.Incidents;
using Npgsql;

namespace CityBrain.Persistence;

/// <summary>Reads the <c>incident_evidence</c> rows that <see cref="PostgreSqlIncidentJournal"/> writes.</summary>
public sealed class PostgreSqlEvidenceLedger(NpgsqlDataSource dataSource) : IEvidenceLedger
{
    private const string SelectHolder = "SELECT incident_id FROM incident_evidence WHERE source = $1 AND event_id = $2";

    public async Task<string?> FindHolderAsync(EventKey key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SelectHolder);
        command.Parameters.Add(new NpgsqlParameter { Value = key.Source });
        command.Parameters.Add(new NpgsqlParameter { Value = key.Id });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
