using System.Reflection;
using CityBrain.Incidents;

namespace CityBrain.UnitTests;

/// <summary>
/// A grain call names its interface and method on the wire. Without <c>[Alias]</c> those names come from the C#
/// type and method, so renaming either (or moving the interface to another namespace) makes old and new silos of a
/// rolling upgrade unable to call each other. Every grain interface and each of its methods carries a permanent alias.
/// </summary>
public sealed class GrainAliasTests
{
    private static readonly Type[] GrainInterfaces = typeof(IIncidentGrain).Assembly.GetTypes()
        .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void The_abstractions_hold_grain_interfaces()
    {
        // Guards the test below against passing over nothing.
        Assert.Contains(typeof(IIncidentGrain), GrainInterfaces);
        Assert.True(GrainInterfaces.Length >= 10, $"found {GrainInterfaces.Length} grain interfaces");
    }

    [Fact]
    public void Every_grain_interface_has_an_alias_of_its_own()
    {
        var missing = GrainInterfaces.Where(t => AliasOf(t) is null).Select(t => t.FullName).ToArray();
        Assert.True(missing.Length == 0, $"grain interfaces without [Alias]: {string.Join(", ", missing)}");

        var shared = GrainInterfaces.GroupBy(AliasOf, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(shared.Length == 0, $"aliases on more than one grain interface: {string.Join(", ", shared)}");
    }

    [Fact]
    public void Every_grain_method_has_an_alias_unique_in_its_interface()
    {
        var problems = new List<string>();
        foreach (var type in GrainInterfaces)
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            problems.AddRange(methods.Where(m => AliasOf(m) is null).Select(m => $"{type.Name}.{m.Name} has no [Alias]"));
            problems.AddRange(methods.Select(AliasOf).OfType<string>().GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1)
                .Select(g => $"{type.Name} has two methods aliased {g.Key}"));
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private static string? AliasOf(MemberInfo member) => member.GetCustomAttribute<AliasAttribute>()?.Alias;
}
