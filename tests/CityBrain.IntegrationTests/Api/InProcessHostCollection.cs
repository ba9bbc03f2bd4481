namespace CityBrain.IntegrationTests.Api;

/// <summary>One <see cref="InProcessHost"/> shared by the API tests.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessHostCollection : ICollectionFixture<InProcessHost>
{
    public const string Name = "in-process host";
}
