using CityBrain.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class IngestEndpoints
{
    public static RouteGroupBuilder MapIngest(this RouteGroupBuilder api)
    {
        api.MapGroup("/ingest").WithTags("Ingest")
            .MapGet("/progress", GetProgress)
            .WithSummary("What this node's ingest transports have finished (taken or dead-lettered) since it started, and what they hold now");
        return api;
    }

    private static Ok<IngestProgressDto> GetProgress(IngestProgress progress) =>
        TypedResults.Ok(new IngestProgressDto([Of(progress.Mqtt), Of(progress.Kafka), Of(progress.Queue)]));

    private static TransportProgressDto Of(TransportProgress transport) => new(transport.Name, transport.Finished, transport.Waiting);
}
