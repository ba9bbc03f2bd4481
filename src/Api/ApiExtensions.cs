using CityBrain.Api.Endpoints;
using CityBrain.Api.Json;
using CityBrain.Api.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddHealthChecks();
        services.AddSingleton<IncidentFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentFeed>());
        services.AddSingleton<ScenarioNoticeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ScenarioNoticeFeed>());
        return services;
    }

    /// <summary>Every endpoint: <c>/api/…</c>, <c>/openapi/v1.json</c>, <c>/health</c>.</summary>
    public static WebApplication MapCityBrainApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapGroup("/api")
            .MapEvents()
            .MapIncidents()
            .MapKpis()
            .MapRegions()
            .MapScenarios()
            .MapPoints()
            .MapPack()
            .MapDeadLetters()
            .MapStreams();
        return app;
    }
}
