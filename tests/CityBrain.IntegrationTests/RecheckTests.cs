using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.IntegrationTests;

/// <summary>Verification by a recheck from the point that saw it: gone closes the case, still there sends it back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RecheckTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    // In district B, clear of the other tests' spots.
    private static readonly GeoPoint Spot = new(10.038, 50.017);

    private Task<IngestReceipt> Submit(Observation observation) => fixture.Grains.GetGrain<IIngestGrain>(0).Submit([observation]);

    private async Task<(IIncidentGrain Grain, string Category)> InVerification(string camera)
    {
        var category = Events.UniqueCategory("debris");
        var detection = _events.Detection(Guid.NewGuid().ToString(), camera, Spot, Events.T0, category);
        Assert.Equal(1, (await Submit(detection)).Opened);
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(detection.Key));
        await CaseScript.Do(grain, CaseAction.Accept);
        await CaseScript.Do(grain, CaseAction.Dispatch);
        await CaseScript.SubmitForVerification(grain);
        return (grain, category);
    }

    [Fact]
    public async Task A_recheck_from_the_same_camera_that_no_longer_sees_it_closes_the_case_as_verified_by_the_system()
    {
        var (grain, category) = await InVerification("cam-rc1");
        var stale = _events.Recheck(Guid.NewGuid().ToString(), "cam-rc1", Spot, Events.T0.AddMinutes(1), category, present: false);
        var otherCamera = _events.Recheck(Guid.NewGuid().ToString(), "cam-rc2", Spot, DateTimeOffset.UtcNow.AddSeconds(1), category, present: false);
        var gone = _events.Recheck(Guid.NewGuid().ToString(), "cam-rc1", TestPacks.Offset(Spot.Longitude, Spot.Latitude, 20, 0), DateTimeOffset.UtcNow.AddSeconds(1), category, present: false);

        // From before verification began, or from a point that never saw it: recorded, and the case waits.
        Assert.Equal(1, (await Submit(stale)).Recorded);
        Assert.Equal(1, (await Submit(otherCamera)).Recorded);
        Assert.Equal(CaseStage.Verification, (await grain.GetSummary())!.Stage);

        Assert.Equal(1, (await Submit(gone)).Rechecked);

        var view = (await grain.Get())!;
        Assert.Equal((CaseStage.Closed, IncidentStatus.Resolved), (view.Summary.Stage, view.Summary.Status));
        var verified = view.Audit[^1];
        Assert.Equal(("verified", AuditEntry.System), (verified.Kind, verified.Actor));
        Assert.Contains(gone.Key.ToString(), verified.Detail);
        Assert.Contains("no longer seen", verified.Detail);
        Assert.Equal(1, (await Submit(gone)).Duplicates);
    }

    [Fact]
    public async Task A_recheck_that_still_sees_it_fails_verification_and_sends_the_case_back_to_handling()
    {
        var (grain, category) = await InVerification("cam-rc3");
        var still = _events.Recheck(Guid.NewGuid().ToString(), "cam-rc3", Spot, DateTimeOffset.UtcNow.AddSeconds(1), category, present: true);

        Assert.Equal(1, (await Submit(still)).Rechecked);

        var view = (await grain.Get())!;
        Assert.Equal((CaseStage.InProgress, IncidentStatus.Open), (view.Summary.Stage, view.Summary.Status));
        Assert.Equal(("verification_failed", AuditEntry.System), (view.Audit[^1].Kind, view.Audit[^1].Actor));
        Assert.Contains("still seen", view.Audit[^1].Detail);
    }
}
