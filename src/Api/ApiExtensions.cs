using CityBrain.Api.Endpoints;
using CityBrain.Api.Health;
using CityBrain.Api.Json;
using CityBrain.Api.Live;
using CityBrain.Ingest;
using CityBrain.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Api;

public static class ApiExtensions
{
    /// <summary>Problem details, JSON conventions, OpenAPI, health checks and the live incident feed.</summary>
    public static IServiceCollection AddCityBrainApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck("ingest-mqtt", Transport(p => p.Mqtt), tags: [ReadyTag])
            .AddCheck("ingest-kafka", Transport(p => p.Kafka), tags: [ReadyTag])
            .AddCheck("ingest-queue", Transport(p => p.Queue), tags: [ReadyTag]);
        services.AddSingleton<IncidentFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentFeed>());
        services.AddSingleton<ScenarioNoticeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ScenarioNoticeFeed>());
        return services;
    }

    /// <summary>Tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    private static Func<IServiceProvider, TransportHealthCheck> Transport(Func<IngestProgress, TransportProgress> pick) => sp =>
        new TransportHealthCheck(pick(sp.GetRequiredService<IngestProgress>()), sp.GetRequiredService<IOptions<IngestOptions>>(), sp.GetRequiredService<ILogger<TransportHealthCheck>>());

    private static IHealthChecksBuilder AddCheck(this IHealthChecksBuilder builder, string name, Func<IServiceProvider, TransportHealthCheck> create, string[] tags) =>
        builder.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(name, create, failureStatus: null, tags));

    /// <summary>
    /// Every endpoint: <c>/api/…</c>, <c>/openapi/v1.json</c>, and health: <c>/health/live</c> (the process
    /// answers; no checks), <c>/health/ready</c> (the readiness checks: no ingest transport stuck) and
    /// <c>/health</c> (every check).
    /// </summary>
    public static WebApplication MapCityBrainApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapGroup("/api")
            .MapEvents()
            .MapIncidents()
            .MapKpis()
            .MapRegions()
            .MapScenarios()
            .MapPoints()
            .MapPack()
            .MapDeadLetters()
            .MapIngest()
            .MapStreams();
        return app;
    }
}
