using System.Reflection;
using System.Xml.Linq;

namespace CityBrain.UnitTests;

/// <summary>
/// Dependencies run one way (docs: ARCHITECTURE.md, "Layout"): the silo composes everything; the API and ingest
/// depend on the grain contracts and the transport-free libraries, never on the grains' implementation and never on
/// each other; the contracts depend on no other project of ours; PostgreSQL (Npgsql) lives in the persistence project
/// alone, which only the silo composes. Checked twice: in the project files (every
/// <c>ProjectReference</c>, followed transitively, so a reference through a library counts) and in the built
/// assemblies (what the compiled code actually uses, which catches a type reached some other way).
/// </summary>
public sealed class ArchitectureTests
{
    private const string Abstractions = "CityBrain.Grains.Abstractions";
    private const string Grains = "CityBrain.Grains";
    private const string Ingest = "CityBrain.Ingest";
    private const string Api = "CityBrain.Api";
    private const string Silo = "CityBrain.Silo";
    private const string Persistence = "CityBrain.Persistence.PostgreSql";

    /// <summary>Libraries that the grains, ingest and the API share: no grain, no transport, no host.</summary>
    private static readonly string[] TransportFree = ["CityBrain.CityPacks", "CityBrain.Scenarios", "CityBrain.Cases", "CityBrain.Ingest.Core"];

    /// <summary>What each project must not reach, with the reason the failure message gives.</summary>
    private static readonly (string Project, string[] Forbidden, string Why)[] Rules =
    [
        (Api, [Grains, Ingest, Persistence, Silo], "the API depends on the grain contracts and the transport-free libraries; the silo composes the rest"),
        (Ingest, [Grains, Api, Persistence, Silo], "ingest depends on the grain contracts and the transport-free libraries; the silo composes the rest"),
        .. TransportFree.Select(library => (library, new[] { Grains, Ingest, Api, Persistence, Silo }, "a transport-free library is shared by the grains, ingest and the API, so it can depend on none of them")),
        (Grains, [Ingest, Api, Persistence, Silo], "the grains know nothing of transports, HTTP or the database behind their contracts"),
        (Persistence, [Ingest, Api, Silo], "persistence implements the contracts of the grains and of ingest; it knows no transport and no host"),
    ];

    /// <summary>The database driver: only persistence and the host that composes it may use it.</summary>
    private const string Npgsql = "Npgsql";

    /// <summary>Packages that only a transport or the host may use: the grains must not see them.</summary>
    private static readonly string[] TransportAssemblies = ["Confluent.Kafka", "MQTTnet", "Microsoft.AspNetCore"];

    private static readonly IReadOnlyDictionary<string, Project> Projects = ReadProjects();

    [Fact]
    public void The_project_files_run_one_way()
    {
        var offences = new List<string>();
        foreach (var (project, forbidden, why) in Rules)
        {
            foreach (var path in ReachableFrom(Require(project)))
            {
                if (forbidden.Contains(path[^1])) offences.Add($"{string.Join(" -> ", path)} (via ProjectReference): {why}");
            }
        }

        Assert.True(offences.Count == 0, "Forbidden project references:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Only_tests_reference_the_silo()
    {
        var offences = Projects.Values
            .Where(p => p.Name != Silo && p.References.Contains(Silo))
            .Select(p => $"{p.Name} ({p.RelativePath}) has a ProjectReference to {Silo}: the silo is the host, only tests may reference it")
            .ToList();
        offences.AddRange(ProductAssemblies()
            .Where(a => a.GetName().Name != Silo && a.GetReferencedAssemblies().Any(r => r.Name == Silo))
            .Select(a => $"{a.GetName().Name}.dll references {Silo}: the silo is the host, only tests may reference it"));
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void Only_the_silo_references_persistence()
    {
        var offences = Projects.Values
            .Where(p => p.Name != Silo && p.References.Contains(Persistence))
            .Select(p => $"{p.Name} ({p.RelativePath}) has a ProjectReference to {Persistence}: the silo picks the storage providers, only it and tests may reference it")
            .ToList();
        offences.AddRange(ProductAssemblies()
            .Where(a => a.GetName().Name is not (Silo or Persistence) && a.GetReferencedAssemblies().Any(r => r.Name == Persistence))
            .Select(a => $"{a.GetName().Name}.dll references {Persistence}: the silo picks the storage providers, only it and tests may reference it"));
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void Only_persistence_and_the_silo_use_Npgsql()
    {
        string[] domain = [Abstractions, Grains, Ingest, Api, .. TransportFree];
        var offences = domain
            .Where(name => Require(name).Packages.Contains(Npgsql))
            .Select(name => $"{name} ({Require(name).RelativePath}) has a PackageReference to {Npgsql}")
            .ToList();
        offences.AddRange(domain.SelectMany(name => Built(name).GetReferencedAssemblies()
            .Where(r => r.Name == Npgsql || r.Name!.StartsWith(Npgsql + ".", StringComparison.Ordinal))
            .Select(r => $"{name}.dll references {r.Name}")));
        Assert.True(offences.Count == 0, $"PostgreSQL belongs to {Persistence} (and the host's provider wiring):\n{string.Join("\n", offences)}");
    }

    [Fact]
    public void The_grain_contracts_reference_no_other_project_of_ours()
    {
        var offences = Require(Abstractions).References.Select(r => $"{Abstractions} has a ProjectReference to {r}").ToList();
        offences.AddRange(Built(Abstractions).GetReferencedAssemblies()
            .Where(r => r.Name!.StartsWith("CityBrain.", StringComparison.Ordinal))
            .Select(r => $"{Abstractions}.dll references {r.Name}"));
        Assert.True(offences.Count == 0, $"The grain contracts must stand alone (they reference only the Orleans SDK):\n{string.Join("\n", offences)}");
    }

    [Fact]
    public void The_built_assemblies_run_one_way()
    {
        var offences = new List<string>();
        foreach (var (project, forbidden, why) in Rules)
        {
            foreach (var reference in Built(project).GetReferencedAssemblies())
            {
                if (forbidden.Contains(reference.Name)) offences.Add($"{project}.dll references {reference.Name} (its code uses a type of it): {why}");
            }
        }

        Assert.True(offences.Count == 0, "Forbidden assembly references:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_grains_use_no_transport_or_HTTP_library()
    {
        string[] domain = [Grains, Abstractions, .. TransportFree.Where(l => l != "CityBrain.Ingest.Core")];
        var offences = domain
            .SelectMany(name => Built(name).GetReferencedAssemblies()
                .Where(r => TransportAssemblies.Any(t => r.Name == t || r.Name!.StartsWith(t + ".", StringComparison.Ordinal)))
                .Select(r => $"{name}.dll references {r.Name}"))
            .ToList();
        Assert.True(offences.Count == 0, $"Kafka, MQTT and HTTP belong to ingest, the API and the host:\n{string.Join("\n", offences)}");
    }

    [Fact]
    public void Every_project_is_checked()
    {
        // A new project under src/ must be seen by these tests: its file is read from the tree, its assembly from
        // this test project's output, so the unit tests must reference it (the silo, an executable, is the exception).
        var unseen = Projects.Values
            .Where(p => p.Name != Silo && !File.Exists(AssemblyPath(p.Name)))
            .Select(p => $"{p.Name} ({p.RelativePath}): reference it from CityBrain.UnitTests so its built assembly is checked")
            .ToList();
        Assert.True(unseen.Count == 0, string.Join("\n", unseen));
        Assert.All(new[] { Abstractions, Grains, Ingest, Api, Persistence, Silo }.Concat(TransportFree), name => Require(name));
    }

    /// <summary>Every project reachable from <paramref name="start"/>, each with the path of references that reaches it.</summary>
    private static IEnumerable<string[]> ReachableFrom(Project start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Name };
        var queue = new Queue<string[]>([[start.Name]]);
        while (queue.TryDequeue(out var path))
        {
            if (!Projects.TryGetValue(path[^1], out var project)) continue;
            foreach (var reference in project.References)
            {
                if (!seen.Add(reference)) continue;
                string[] next = [.. path, reference];
                yield return next;
                queue.Enqueue(next);
            }
        }
    }

    private static Project Require(string name) =>
        Projects.TryGetValue(name, out var project) ? project : throw new InvalidOperationException($"No project {name} under src/ or bench/: the architecture rules name it");

    private static string AssemblyPath(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");

    private static Assembly Built(string name)
    {
        var path = AssemblyPath(name);
        if (!File.Exists(path)) throw new InvalidOperationException($"{name}.dll is not in {AppContext.BaseDirectory}: reference its project from CityBrain.UnitTests");
        return System.Reflection.Assembly.LoadFrom(path);
    }

    /// <summary>The built assemblies of every project under src/ and bench/ that this test project's output holds.</summary>
    private static IEnumerable<Assembly> ProductAssemblies() =>
        Projects.Values.Where(p => File.Exists(AssemblyPath(p.Name))).Select(p => Built(p.Name));

    /// <summary>The projects of the product (src/) and its tools (bench/), by assembly name, with the projects they reference.</summary>
    private static Dictionary<string, Project> ReadProjects()
    {
        var files = new[] { "src", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        var projects = new Dictionary<string, Project>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var xml = XDocument.Load(file);
            var packages = xml.Descendants("PackageReference").Select(r => (string?)r.Attribute("Include")).OfType<string>().ToArray();
            var references = xml.Descendants("ProjectReference")
                .Select(r => (string?)r.Attribute("Include"))
                .OfType<string>()
                .Select(include => NameOf(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include.Replace('\\', Path.DirectorySeparatorChar)))))
                .ToArray();
            var name = NameOf(file);
            projects.Add(name, new Project(name, Path.GetRelativePath(RepoPaths.Root, file), references, packages));
        }

        return projects;

        // Every project keeps its assembly name equal to its file name (CityBrain.<Folder>), so one name serves both checks.
        static string NameOf(string projectFile)
        {
            var assemblyName = File.Exists(projectFile) ? XDocument.Load(projectFile).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault() : null;
            return assemblyName ?? Path.GetFileNameWithoutExtension(projectFile);
        }
    }

    private sealed record Project(string Name, string RelativePath, string[] References, string[] Packages);
}
