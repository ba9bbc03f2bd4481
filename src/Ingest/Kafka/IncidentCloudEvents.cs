using System.Buffers;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Incidents;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// Incident changes and accepted events as CloudEvents 1.0 JSON (structured mode), written directly with
/// <see cref="Utf8JsonWriter"/>. A change's id is <c>{incident}/{version}</c>: a consumer that sees one twice
/// (a retry after a crash) can drop the repeat, and versions order the changes of one incident.
/// </summary>
public static class IncidentCloudEvents
{
    public const string Source = "citybrain";

    /// <summary>What changed: the audit kind (<c>opened</c>, <c>merged</c>, <c>absorbed</c>, <c>resolved</c>, …) or <c>evidence_attached</c>.</summary>
    public static string ChangeKind(IncidentChangeRecord change) => change.Audit?.Kind ?? "evidence_attached";

    public static byte[] Change(IncidentChangeRecord change, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            var incident = change.Incident;
            w.WriteStartObject();
            w.WriteString("specversion", "1.0");
            w.WriteString("id", $"{incident.Id}/{change.Version}");
            w.WriteString("source", Source);
            w.WriteString("type", $"city.incident.{ChangeKind(change)}");
            w.WriteString("subject", incident.Id);
            w.WriteString("time", change.Audit?.At ?? now);
            w.WriteString("datacontenttype", "application/json");
            w.WriteStartObject("data");
            w.WriteNumber("version", change.Version);
            w.WriteStartObject("incident");
            w.WriteString("id", incident.Id);
            w.WriteString("category", incident.Category);
            w.WriteString("status", incident.Status.ToString().ToLowerInvariant());
            w.WriteNumber("lon", incident.Location.Longitude);
            w.WriteNumber("lat", incident.Location.Latitude);
            WriteRegions(w, incident.Regions);
            w.WriteString("openedAt", incident.OpenedAt);
            w.WriteString("lastEvidenceAt", incident.LastEvidenceAt);
            w.WriteNumber("evidenceCount", incident.EvidenceCount);
            if (incident.ClosedAt is { } closed) w.WriteString("closedAt", closed);
            if (incident.MergedInto is { } survivor) w.WriteString("mergedInto", survivor);
            w.WriteEndObject();
            if (change.Audit is { } audit)
            {
                w.WriteStartObject("audit");
                w.WriteString("kind", audit.Kind);
                w.WriteString("actor", audit.Actor);
                if (audit.Detail is { } detail) w.WriteString("detail", detail);
                w.WriteEndObject();
            }

            w.WriteStartArray("newEvidence");
            foreach (var e in change.NewEvidence)
            {
                w.WriteStartObject();
                w.WriteString("source", e.Key.Source);
                w.WriteString("id", e.Key.Id);
                w.WriteString("pointId", e.PointId);
                w.WriteString("observedAt", e.ObservedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The answer to a citizen report, for its channel: the subject is the channel's own id of the report, and
    /// the id <c>{incident}/{version}/{source}/{report id}</c> repeats only if the same change is sent again.
    /// </summary>
    public static byte[] Notice(ReportNotice notice, long version)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("specversion", "1.0");
            w.WriteString("id", $"{notice.IncidentId}/{version}/{notice.Report.Source}/{notice.Report.Id}");
            w.WriteString("source", Source);
            w.WriteString("type", "city.report.answered");
            w.WriteString("subject", notice.Report.Id);
            w.WriteString("time", notice.At);
            w.WriteString("datacontenttype", "application/json");
            w.WriteStartObject("data");
            w.WriteStartObject("report");
            w.WriteString("source", notice.Report.Source);
            w.WriteString("id", notice.Report.Id);
            w.WriteString("pointId", notice.PointId);
            w.WriteEndObject();
            w.WriteString("incidentId", notice.IncidentId);
            w.WriteString("outcome", notice.Outcome.ToString().ToLowerInvariant());
            if (notice.Note is { } note) w.WriteString("note", note);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An accepted event after normalisation, for the optional events topic.</summary>
    public static byte[] Event(Observation o)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("specversion", "1.0");
            w.WriteString("id", o.Key.Id);
            w.WriteString("source", o.Key.Source);
            w.WriteString("type", $"city.observation.{o.Kind.ToString().ToLowerInvariant()}");
            w.WriteString("subject", o.PointId);
            w.WriteString("time", o.ObservedAt);
            w.WriteString("datacontenttype", "application/json");
            w.WriteStartObject("data");
            w.WriteString("topic", o.Category);
            w.WriteNumber("lon", o.Location.Longitude);
            w.WriteNumber("lat", o.Location.Latitude);
            WriteRegions(w, o.Regions);
            if (o.ValueOrConfidence is { } value) w.WriteNumber("value", value);
            if (o.Unit is { } unit) w.WriteString("unit", unit);
            if (o.Description is { } description) w.WriteString("description", description);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRegions(Utf8JsonWriter w, RegionPath regions)
    {
        w.WriteStartArray("regions");
        foreach (var code in regions.Codes) w.WriteStringValue(code);
        w.WriteEndArray();
    }
}
