using CityBrain.Geo;
using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Regions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CityBrain.IntegrationTests;

/// <summary>In-memory grain state goes through Orleans' binary serializer, as PostgreSQL's does (issue 17).</summary>
[Collection(ClusterCollection.Name)]
public sealed class MemoryStorageTests(ClusterFixture fixture)
{
    private IGrainStorage Storage => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    [Fact]
    public async Task State_written_to_memory_reads_back_whole_and_as_a_copy()
    {
        var id = GrainId.Create("district", $"memory-{Guid.NewGuid():N}");
        var summary = new IncidentSummary("inc-1", "smoke_fire", IncidentStatus.Open, new GeoPoint(10.02, 50.01), new RegionPath(["root", "A"]),
            Events.T0, Events.T0.AddMinutes(3), 4, Version: 7);
        var written = new GrainState<RegionState>(new RegionState { Open = new(StringComparer.Ordinal) { ["inc-1"] = summary }, RecentlyClosed = [summary with { Id = "inc-0" }] });

        await Storage.WriteStateAsync("district", id, written);
        var read = new GrainState<RegionState>(new RegionState());
        await Storage.ReadStateAsync("district", id, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        var state = Assert.IsType<RegionState>(read.State);
        Assert.Equal(summary, state.Open["inc-1"]);
        Assert.Equal("inc-0", Assert.Single(state.RecentlyClosed).Id);
        Assert.NotSame(written.State, state);
        Assert.NotSame(written.State!.Open, state.Open);
    }

    [Fact]
    public async Task A_state_type_without_an_Orleans_serializer_is_refused_rather_than_written_as_JSON()
    {
        var id = GrainId.Create("district", $"memory-{Guid.NewGuid():N}");

        // Newtonsoft, Orleans' default for memory storage, would write this type; Orleans' serializer has no codec for it.
        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteStateAsync("district", id, new GrainState<NotSerializable>(new NotSerializable { Value = 1 })));
    }

    public sealed class NotSerializable
    {
        public int Value { get; set; }
    }
}
