namespace CityBrain.EndToEndTests;

[CollectionDefinition(Name)]
public sealed class ChengduHostCollection : ICollectionFixture<ChengduHostFixture>
{
    public const string Name = "chengdu host";
}
