using CityBrain.Events;

namespace CityBrain.UnitTests;

public sealed class CategoryKeyTests
{
    [Theory]
    [InlineData("Noise - Residential", "noise_residential")]
    [InlineData("noise_residential", "noise_residential")]
    [InlineData("  Smoke_Fire ", "smoke_fire")]
    [InlineData("Noise - Street/Sidewalk", "noise_street_sidewalk")]
    [InlineData("PAINT/PLASTER", "paint_plaster")]
    [InlineData("__a__b__", "a_b")]
    [InlineData("pm2.5", "pm2_5")]
    [InlineData("积水", "积水")]
    [InlineData("道路 积水!", "道路_积水")]
    [InlineData("---", "")]
    [InlineData("", "")]
    public void Names_meet_in_one_normal_form(string raw, string expected) => Assert.Equal(expected, CategoryKey.Normalize(raw));

    [Theory]
    [InlineData("Noise - Residential")]
    [InlineData("Ünïcode Straße")]
    [InlineData("_x_")]
    public void Normalising_twice_changes_nothing(string raw)
    {
        var once = CategoryKey.Normalize(raw);
        Assert.True(CategoryKey.IsNormal(once));
        Assert.Same(once, CategoryKey.Normalize(once));
    }
}
