using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Events;
using Npgsql;

namespace CityBrain.Persistence;

/// <summary>Reads an <c>incidents</c> row selected with <see cref="Columns"/> (prefixed as the query needs).</summary>
internal static class IncidentRows
{
    public static string Columns(string alias) =>
        string.Join(", ", new[] { "id", "category", "status", "longitude", "latitude", "region_codes", "opened_at", "last_evidence_at", "evidence_count", "closed_at", "merged_into" }
            .Select(c => alias.Length == 0 ? c : $"{alias}.{c}"));

    public const int ColumnCount = 11;

    public static IncidentSummary Read(NpgsqlDataReader reader, int first = 0) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        Enum.Parse<IncidentStatus>(reader.GetString(first + 2), ignoreCase: true),
        new GeoPoint(reader.GetDouble(first + 3), reader.GetDouble(first + 4)),
        new RegionPath(reader.GetFieldValue<string[]>(first + 5)),
        reader.GetFieldValue<DateTimeOffset>(first + 6),
        reader.GetFieldValue<DateTimeOffset>(first + 7),
        reader.GetInt32(first + 8),
        reader.IsDBNull(first + 9) ? null : reader.GetFieldValue<DateTimeOffset>(first + 9),
        reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10));
}
