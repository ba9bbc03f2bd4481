using CityBrain.Ingest.Pipeline;
using CityBrain.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Serialization;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// A grain's database fault reaches a caller on another silo through Orleans' serializer, as configured by the
/// host's PostgreSQL composition. Ingest must still see a server at max_connections as a transient fault.
/// </summary>
public sealed class DatabaseFaultAcrossSilosTests
{
    private static Exception TooManyClients() => new Orleans.Runtime.OrleansException(
        "grain storage write failed",
        new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections));

    [Fact]
    public void A_too_many_clients_refusal_thrown_on_another_silo_arrives_as_a_transient_database_fault()
    {
        using var host = new HostBuilder().UseOrleans(silo => silo.UseLocalhostClustering().UsePostgreSqlStorage("Host=127.0.0.1;Database=unused")).Build();
        var serializer = host.Services.GetRequiredService<Serializer>();

        var arrived = serializer.Deserialize<Exception>(serializer.SerializeToArray(TooManyClients()))!;

        var fault = Assert.IsType<PostgresException>(arrived.InnerException);
        Assert.Equal("53300: sorry, too many clients already", fault.Message);
        Assert.True(PoisonGuard.IsTransient(arrived));
    }

    [Fact]
    public void Without_the_PostgreSQL_composition_Orleans_cannot_carry_the_fault_at_all()
    {
        // What a caller got before: the response failed to serialize, and the fault said nothing of the database.
        using var host = new HostBuilder().UseOrleans(silo => silo.UseLocalhostClustering()).Build();
        var serializer = host.Services.GetRequiredService<Serializer>();

        var refused = Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray(TooManyClients()));

        Assert.Contains("Npgsql.PostgresException", refused.Message);
        Assert.False(PoisonGuard.IsTransient(refused));
    }
}
