using CityBrain.Api;
using CityBrain.Ingest;
using CityBrain.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddCityBrainSilo();
builder.Services.AddCityBrainIngest(builder.Configuration);
builder.Services.AddCityBrainApi();

var app = builder.Build();
app.MapCityBrainApi();
app.Run();
