using System.Reflection;
using System.Runtime.Loader;

namespace CityBrain.Scenarios;

/// <summary>
/// The <see cref="IScenarioHandler"/> types a definition may name, from the assemblies listed in
/// <c>Scenarios:HandlerAssemblies</c>, loaded once when the silo starts. Immutable.
/// </summary>
public sealed class ScenarioHandlerTypes
{
    public static readonly ScenarioHandlerTypes None = new([]);

    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public ScenarioHandlerTypes(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            _byName[type.FullName!] = type;
            _byName[$"{type.FullName}, {type.Assembly.GetName().Name}"] = type;
        }
    }

    /// <summary>Full type names of the handlers, for error messages.</summary>
    public IReadOnlyList<string> Names => _byName.Values.Distinct().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A handler type by its full name, or <c>Full.Name, AssemblyName</c>; null when none is loaded.</summary>
    public Type? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    /// <summary>Load the assemblies and find their public, concrete handler types; a path that does not load fails naming it.</summary>
    public static ScenarioHandlerTypes Load(IEnumerable<string> assemblyPaths)
    {
        var types = new List<Type>();
        foreach (var path in assemblyPaths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var full = Path.GetFullPath(path);
            Assembly assembly;
            try
            {
                assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
            }
            catch (Exception e) when (e is FileNotFoundException or BadImageFormatException or FileLoadException or ArgumentException)
            {
                throw new InvalidOperationException($"Scenarios:HandlerAssemblies: '{path}' ({full}) could not be loaded: {e.Message}", e);
            }

            var handlers = assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IScenarioHandler).IsAssignableFrom(t)).ToList();
            if (handlers.Count == 0) throw new InvalidOperationException($"Scenarios:HandlerAssemblies: '{path}' has no public class implementing {nameof(IScenarioHandler)}");
            types.AddRange(handlers);
        }

        return new ScenarioHandlerTypes(types);
    }
}
