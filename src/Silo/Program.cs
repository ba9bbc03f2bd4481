using CityBrain.Api;
using CityBrain.Ingest;
using CityBrain.Silo;

if (args is ["db", ..]) return await DatabaseCommand.RunAsync(args);
if (args is ["kafka", ..]) return await KafkaMockCommand.RunAsync(args);

return await StartupFailure.ExitCleanlyAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SiloHostExtensions.BuilderOptions(args));
    builder.AddCityBrainSilo();
    builder.Services.AddCityBrainIngest(builder.Configuration);
    builder.Services.AddCityBrainApi();

    var app = builder.Build();
    app.MapCityBrainApi();
    await app.RunAsync();
});
