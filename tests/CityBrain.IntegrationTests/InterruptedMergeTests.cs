using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;

namespace CityBrain.IntegrationTests;

/// <summary>
/// A merge writes the survivor first and the loser second. When the second write fails (in production: the silo
/// dies in between), nothing may call the loser again, so its reminder must finish the merge on its own.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InterruptedMergeTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    [Fact]
    public async Task A_merge_interrupted_after_the_survivor_absorbed_the_evidence_is_finished_by_its_reminder()
    {
        var category = Events.UniqueCategory("smoke");
        var west = new GeoPoint(10.005, 50.01);
        var east = new GeoPoint(10.034, 50.01);
        var first = _events.Detection(Guid.NewGuid().ToString(), "cam-w", west, Events.T0, category);
        var second = _events.Detection(Guid.NewGuid().ToString(), "cam-e", east, Events.T0.AddMinutes(1), category);
        await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([first, second]);
        var survivor = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(first.Key));
        var loser = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(second.Key));

        FailingMergeJournal.FailNextMergeOf(loser.GetPrimaryKeyString());
        await Assert.ThrowsAnyAsync<Exception>(() => loser.MergeInto(survivor.GetPrimaryKeyString()));

        Assert.True(await survivor.Holds(second.Key), "the survivor should have absorbed the evidence before the failure");
        Assert.Equal(IncidentStatus.Open, (await loser.GetSummary())!.Status);

        var deadline = DateTime.UtcNow + IncidentGrain.FinishMergeDue + TimeSpan.FromSeconds(30);
        while ((await loser.GetSummary())!.Status == IncidentStatus.Open && DateTime.UtcNow < deadline) await Task.Delay(250);

        var merged = (await loser.Get())!;
        Assert.Equal(IncidentStatus.Merged, merged.Summary.Status);
        Assert.Equal(survivor.GetPrimaryKeyString(), merged.Summary.MergedInto);
        Assert.Single(merged.Audit, a => a.Kind == "merged");
        var kept = (await survivor.Get())!;
        Assert.Equal(IncidentStatus.Open, kept.Summary.Status);
        Assert.Equal(2, kept.Evidence.Length);
        Assert.Single(kept.Audit, a => a.Kind == "absorbed");
    }

    [Fact]
    public async Task A_merge_into_an_incident_whose_opening_was_never_stored_fails_and_the_duplicate_keeps_its_evidence()
    {
        var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-w", new GeoPoint(10.012, 50.004), Events.T0, Events.UniqueCategory("smoke"));
        await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([detection]);
        var duplicate = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(detection.Key));
        var neverStored = $"inc-{Guid.NewGuid():N}"[..20];

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => duplicate.MergeInto(neverStored));

        var kept = (await duplicate.Get())!;
        Assert.Equal(IncidentStatus.Open, kept.Summary.Status);
        Assert.Equal(detection.Key, Assert.Single(kept.Evidence).Key);
        Assert.Null(await fixture.Grains.GetGrain<IIncidentGrain>(neverStored).GetSummary());
    }
}
