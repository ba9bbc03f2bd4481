using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class OperatorMergeSplitTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    // 500 m apart: beyond the correlation radius (100 m), so each detection opens its own incident.
    private static readonly GeoPoint West = new(10.026, 50.005);
    private static readonly GeoPoint East = TestPacks.Offset(10.026, 50.005, 500, 0);

    private async Task<(IIncidentGrain Grain, Observation First)> Open(string category, GeoPoint at, string camera = "cam-b")
    {
        var detection = _events.Detection(Guid.NewGuid().ToString(), camera, at, Events.T0, category);
        Assert.Equal(1, (await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([detection])).Opened);
        return (fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(detection.Key)), detection);
    }

    private static CaseCommand Merge(string into, string reason = "same burst pipe, reported twice") =>
        new(CaseAction.Merge, "operator-3", "operator", reason, Into: into);

    [Fact]
    public async Task An_operator_merges_a_duplicate_the_automatic_merge_missed_and_its_evidence_and_audit_follow()
    {
        var category = Events.UniqueCategory("pipe");
        var (duplicate, _) = await Open(category, West);
        var (survivor, _) = await Open(category, East);
        var survivorId = survivor.GetPrimaryKeyString();

        var merged = await duplicate.Act(Merge(survivorId));

        Assert.Equal(CaseActStatus.Done, merged.Status);
        Assert.Equal((IncidentStatus.Merged, survivorId), (merged.Incident!.Status, merged.Incident.MergedInto));
        Assert.Empty(merged.AllowedActions);
        var audit = (await duplicate.Get())!.Audit[^1];
        Assert.Equal(("merged", "operator-3", "operator"), (audit.Kind, audit.Actor, audit.Role));
        Assert.Equal($"duplicate of {survivorId}: same burst pipe, reported twice", audit.Detail);
        var kept = (await survivor.Get())!;
        Assert.Equal(2, kept.Summary.EvidenceCount);
        Assert.Contains(kept.Audit, a => a.Kind == "absorbed" && a.Detail!.StartsWith(duplicate.GetPrimaryKeyString(), StringComparison.Ordinal));
        Assert.Equal(CaseActStatus.NotAllowed, (await duplicate.Act(new CaseCommand(CaseAction.Accept, "operator-3", "operator"))).Status);
    }

    [Fact]
    public async Task A_merge_is_refused_naming_into_when_the_target_is_itself_missing_closed_or_merged()
    {
        var category = Events.UniqueCategory("pipe");
        var (incident, _) = await Open(category, West);
        var (closed, _) = await Open(category, East);
        await CaseScript.Do(closed, CaseAction.Reject, reason: "false alarm");
        var id = incident.GetPrimaryKeyString();

        foreach (var (into, problem) in new[] { (id, "itself"), ("inc-0000000000000000", "no incident"), (closed.GetPrimaryKeyString(), "Rejected"), ("", "required") })
        {
            var refused = await incident.Act(Merge(into));
            Assert.Equal((CaseActStatus.Invalid, "into"), (refused.Status, refused.Field));
            Assert.Contains(problem, refused.Problem);
        }

        Assert.Equal("reason", (await incident.Act(Merge(closed.GetPrimaryKeyString(), reason: " "))).Field);
        Assert.Equal(IncidentStatus.Open, (await incident.GetSummary())!.Status);
    }

    [Fact]
    public async Task An_operator_splits_wrongly_merged_evidence_into_a_new_routed_incident_and_both_audit_it()
    {
        var category = Events.UniqueCategory("pipe");
        var (parent, first) = await Open(category, West);
        // 30 m away and a minute later: correlation attaches it, though it is something else.
        var wrong = _events.Detection(Guid.NewGuid().ToString(), "cam-b", TestPacks.Offset(West.Longitude, West.Latitude, 30, 0), Events.T0.AddMinutes(1), category);
        Assert.Equal(1, (await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([wrong])).Attached);

        // Not the routed smoke_fire: other tests count that category's open incidents in district B.
        var smoke = Events.UniqueCategory("smoke");
        var split = await parent.Act(new CaseCommand(CaseAction.Split, "operator-4", "operator", "that was smoke, not a pipe", Evidence: [wrong.Key], Category: smoke));

        Assert.Equal(CaseActStatus.Done, split.Status);
        Assert.Equal(1, split.Incident!.EvidenceCount);
        var child = split.SplitOff!;
        Assert.Equal((smoke, IncidentStatus.Open, 1, "CITY"), (child.Category, child.Status, child.EvidenceCount, child.Department));
        var childView = (await fixture.Grains.GetGrain<IIncidentGrain>(child.Id).Get())!;
        Assert.Equal(wrong.Key, Assert.Single(childView.Evidence).Key);
        Assert.Equal(("split_from", "operator-4", "operator"), (childView.Audit[0].Kind, childView.Audit[0].Actor, childView.Audit[0].Role));
        Assert.StartsWith($"1 evidence from {parent.GetPrimaryKeyString()}: that was smoke, not a pipe", childView.Audit[0].Detail);
        var parentView = (await parent.Get())!;
        Assert.Equal(first.Key, Assert.Single(parentView.Evidence).Key);
        Assert.Equal(("split", "operator-4"), (parentView.Audit[^1].Kind, parentView.Audit[^1].Actor));
        Assert.Contains(child.Id, parentView.Audit[^1].Detail);
        Assert.False(await parent.Holds(wrong.Key));
    }

    [Fact]
    public async Task A_split_is_refused_for_the_incidents_origin_and_for_events_it_does_not_hold()
    {
        var (parent, first) = await Open(Events.UniqueCategory("pipe"), West);

        var origin = await parent.Act(new CaseCommand(CaseAction.Split, "operator-4", "operator", "wrong", Evidence: [first.Key]));
        var stranger = await parent.Act(new CaseCommand(CaseAction.Split, "operator-4", "operator", "wrong", Evidence: [new EventKey("it", "never-seen")]));
        var nothing = await parent.Act(new CaseCommand(CaseAction.Split, "operator-4", "operator", "wrong", Evidence: []));

        Assert.Equal((CaseActStatus.Invalid, "evidence[0]"), (origin.Status, origin.Field));
        Assert.Contains("opened this incident", origin.Problem);
        Assert.Equal((CaseActStatus.Invalid, "evidence[0]"), (stranger.Status, stranger.Field));
        Assert.Equal("evidence", nothing.Field);
        Assert.Equal(1, (await parent.GetSummary())!.EvidenceCount);
    }
}
