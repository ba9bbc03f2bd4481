using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Testing;

namespace CityBrain.UnitTests;

public sealed class IncidentRestoreTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());
    private static readonly DateTimeOffset ObservedAt = new(2026, 12, 2, 7, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset JournalledAt = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint At = new(10.005, 50.005);

    [Fact]
    public void An_opening_only_the_journal_kept_is_rebuilt_with_its_evidence_audit_routing_cell_and_clocks_from_its_opening()
    {
        var regions = Twin.Regions.Locate(At)!.Path;
        var first = new Observation(new EventKey("cams", "e-1"), "cam-1", ObservationKind.Detection, TestPacks.RoutedCategory, At, ObservedAt, regions);
        var row = new IncidentSummary("inc-1", TestPacks.RoutedCategory, IncidentStatus.Open, At, regions, ObservedAt, ObservedAt, 1, Department: "FIRE", Version: 1);
        var opened = new AuditEntry(1, JournalledAt, "opened", AuditEntry.System, null, IncidentStatus.Open, "by cams/e-1");
        var state = new IncidentState();

        IncidentRestore.Rebuild(state, new JournalledIncident(row, [opened], [first]), Twin, JournalledAt.AddMinutes(5));

        Assert.Equal(row, state.Summary);
        Assert.Equal(1, state.Version);
        Assert.Equal(1, state.CaseVersion);
        Assert.Equal([first], state.Evidence);
        Assert.Equal([opened], state.Audit);
        Assert.Equal("FIRE", state.Routing?.Lead);
        Assert.Equal(TestPacks.RoutingVersion, state.Routing?.Version);
        Assert.Equal(Twin.Cells.CellOf(At).GrainKey, state.OwnerCell);
        Assert.Equal(["cam-1"], state.Points);
        // The clocks run from when the platform took the incident in, not from the restoration.
        Assert.Equal([(SlaStage.Accept, JournalledAt), (SlaStage.Close, JournalledAt)], state.Clocks.Select(c => (c.Stage, c.StartedAt)).OrderBy(c => c.Stage));
    }

    [Fact]
    public void A_split_rebuilt_from_the_journal_belongs_to_no_cell_and_keeps_the_lead_its_row_names()
    {
        var regions = Twin.Regions.Locate(At)!.Path;
        var moved = new Observation(new EventKey("cams", "e-2"), "cam-2", ObservationKind.Detection, "pothole", At, ObservedAt, regions);
        var row = new IncidentSummary("inc-1-s3", "pothole", IncidentStatus.Open, At, regions, ObservedAt, ObservedAt, 1, Department: "ROADS", Version: 1);
        var split = new AuditEntry(1, JournalledAt, "split_from", "op-1", null, IncidentStatus.Open, "1 evidence from inc-1: two things", "operator");
        var state = new IncidentState();

        IncidentRestore.Rebuild(state, new JournalledIncident(row, [split], [moved]), Twin, JournalledAt);

        Assert.Null(state.OwnerCell);
        Assert.Equal("ROADS", state.Routing?.Lead);
    }
}
