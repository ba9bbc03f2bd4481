using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using Orleans.Runtime;

namespace CityBrain.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class CitizenReportTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    // In district B, clear of the other tests' spots.
    private static readonly GeoPoint Kerb = new(10.036, 50.003);

    private Task<IngestReceipt> Submit(Observation observation) => fixture.Grains.GetGrain<IIngestGrain>(0).Submit([observation]);

    [Fact]
    public async Task A_hotline_report_joins_the_cameras_incident_nearby_hours_later_and_its_closing_answers_the_reporter()
    {
        var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-b", Kerb, Events.T0, TestPacks.ReportJoinsCategory);
        Assert.Equal(1, (await Submit(detection)).Opened);
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(detection.Key));

        var ticket = $"12345-{Guid.NewGuid():N}";
        var report = _events.Report(ticket, TestPacks.Offset(Kerb.Longitude, Kerb.Latitude, 0, 200), Events.T0.AddHours(2), TestPacks.ReportCategory);
        var farReport = _events.Report($"12345-{Guid.NewGuid():N}", TestPacks.Offset(Kerb.Longitude, Kerb.Latitude, 0, 400), Events.T0.AddHours(2), TestPacks.ReportCategory);

        Assert.Equal(1, (await Submit(report)).Attached);
        Assert.Equal(1, (await Submit(farReport)).Opened);
        Assert.True(await incident.Holds(report.Key));

        await using var probe = await LiveChangeProbe.Attach(fixture.Cluster.Client,
            change => change.Incident.Id == incident.GetPrimaryKeyString() && change.Kind == IncidentChangeKind.Resolved);
        await CaseScript.Close(incident, "kerb repaired");
        var change = await probe.Matched.WaitAsync(TimeSpan.FromSeconds(10));

        var notice = Assert.Single(change.Notices!);
        Assert.Equal((report.Key, "12345", CaseStage.Closed, "kerb repaired"), (notice.Report, notice.PointId, notice.Outcome, notice.Note));
        Assert.Equal(ticket, notice.Report.Id);
    }
}
