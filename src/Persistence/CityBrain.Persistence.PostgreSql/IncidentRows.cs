using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Sla;
using CityBrain.Events;
using Npgsql;

namespace CityBrain.Persistence;

/// <summary>Reads an <c>incidents</c> row selected with <see cref="Columns"/> or <see cref="ColumnsOf"/>.</summary>
internal static class IncidentRows
{
    private static readonly string[] Names = ["id", "category", "status", "longitude", "latitude", "region_codes", "opened_at", "last_evidence_at", "evidence_count", "closed_at", "merged_into", "stage", "department", "severity", "next_due_at", "overdue", "escalation", "version", "scenario_id", "scenario_version"];

    /// <summary>The column list, unqualified.</summary>
    public static readonly string Columns = string.Join(", ", Names);

    /// <summary>The column list qualified by a table alias.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Names.Select(c => $"{alias}.{c}"));

    public static readonly int ColumnCount = Names.Length;

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
        reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10),
        CaseStageNames.Parse(reader.GetString(first + 11)),
        reader.IsDBNull(first + 12) ? null : reader.GetString(first + 12),
        Enum.Parse<Severity>(reader.GetString(first + 13), ignoreCase: true),
        reader.IsDBNull(first + 14) ? null : reader.GetFieldValue<DateTimeOffset>(first + 14),
        reader.GetBoolean(first + 15),
        reader.GetInt32(first + 16),
        reader.GetInt64(first + 17),
        reader.IsDBNull(first + 18) ? null : reader.GetString(first + 18),
        reader.IsDBNull(first + 19) ? null : reader.GetInt32(first + 19));
}
