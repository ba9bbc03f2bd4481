using System.Text.Json;
using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Ingest.Kafka;

namespace CityBrain.UnitTests;

public sealed class ReportNoticeEventTests
{
    [Fact]
    public void The_answer_to_a_report_is_a_cloudevent_for_its_channel_naming_the_report_the_incident_and_the_outcome()
    {
        var notice = new ReportNotice(new EventKey("hotline-12345", "T-889901"), "12345", "inc-00aa", CaseStage.Rejected, "a parked delivery van, gone on arrival",
            new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));

        using var json = JsonDocument.Parse(IncidentCloudEvents.Notice(notice, 7));
        var root = json.RootElement;
        var data = root.GetProperty("data");

        Assert.Equal(("city.report.answered", "T-889901", "inc-00aa/7/hotline-12345/T-889901"),
            (root.GetProperty("type").GetString(), root.GetProperty("subject").GetString(), root.GetProperty("id").GetString()));
        Assert.Equal(("hotline-12345", "12345"), (data.GetProperty("report").GetProperty("source").GetString(), data.GetProperty("report").GetProperty("pointId").GetString()));
        Assert.Equal(("inc-00aa", "rejected", "a parked delivery van, gone on arrival"),
            (data.GetProperty("incidentId").GetString(), data.GetProperty("outcome").GetString(), data.GetProperty("note").GetString()));
    }
}
