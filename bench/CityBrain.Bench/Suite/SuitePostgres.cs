using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CityBrain.Bench.Suite;

/// <summary>
/// Where the PostgreSQL runs keep their data: a database made for each run and dropped after it, on the server of
/// <c>--postgres</c>, or else on a throwaway server started from the Debian package's binaries
/// (<c>/usr/lib/postgresql/*/bin</c>: initdb into a temporary folder, a free port, <c>fsync=off</c>), which is
/// stopped and deleted at the end. Without either, the runs are skipped with the reason.
/// </summary>
public sealed class SuitePostgres : IAsyncDisposable
{
    private const string PackageBinaries = "/usr/lib/postgresql";

    private readonly string _adminConnection;
    private readonly string? _binaries;
    private readonly string? _dataFolder;

    private SuitePostgres(string adminConnection, string? binaries, string? dataFolder, string description)
    {
        _adminConnection = adminConnection;
        _binaries = binaries;
        _dataFolder = dataFolder;
        Description = description;
    }

    /// <summary>Which server, for the notes of a run.</summary>
    public string Description { get; }

    /// <summary>The server of a connection string given by the operator.</summary>
    public static async Task<SuitePostgres> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"option '--postgres' is not an Npgsql connection string: {e.Message}");
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or SocketException)
        {
            throw new BenchException($"cannot connect to PostgreSQL with --postgres ({builder.Host}:{builder.Port}): {e.Message}", ExitCodes.Database, e);
        }

        return new SuitePostgres(builder.ConnectionString, null, null, $"PostgreSQL at {builder.Host}:{builder.Port} (--postgres)");
    }

    /// <summary>A throwaway server, or null with the reason when this machine has none to start.</summary>
    public static async Task<(SuitePostgres? Server, string? Reason)> StartThrowawayAsync(CancellationToken cancellationToken)
    {
        var binaries = Directory.Exists(PackageBinaries)
            ? Directory.EnumerateDirectories(PackageBinaries)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (binaries is null) return (null, $"no --postgres given and no PostgreSQL binaries in {PackageBinaries}/*/bin (Debian package postgresql)");
        var asRoot = Environment.UserName == "root";
        if (asRoot && !await SucceedsAsync("id", ["-u", "postgres"], cancellationToken).ConfigureAwait(false))
        {
            return (null, "PostgreSQL refuses to run as root, and there is no postgres user to run it as");
        }

        // Under the temporary folder whatever --work is: the postgres user must reach it, and /tmp lets it.
        var data = Directory.CreateTempSubdirectory("citybrain-suite-pg-").FullName;
        if (asRoot) await SucceedsAsync("chown", ["postgres", data], cancellationToken).ConfigureAwait(false);

        var port = FreePort();
        if (!await RunPostgresToolAsync(binaries, "initdb", ["-D", data, "-A", "trust", "-U", "citybrain", "-E", "UTF8", "--locale=C.UTF-8"], asRoot, cancellationToken).ConfigureAwait(false))
        {
            Directory.Delete(data, recursive: true);
            return (null, "initdb of a throwaway PostgreSQL failed (its error is above)");
        }

        var options = $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        if (!await RunPostgresToolAsync(binaries, "pg_ctl", ["-D", data, "-w", "-l", Path.Combine(data, "server.log"), "-o", options, "start"], asRoot, cancellationToken).ConfigureAwait(false))
        {
            var serverLog = File.Exists(Path.Combine(data, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(data, "server.log"), cancellationToken).ConfigureAwait(false) : "";
            Directory.Delete(data, recursive: true);
            return (null, $"a throwaway PostgreSQL did not start: {serverLog.Trim()}");
        }

        var admin = $"Host=127.0.0.1;Port={port};Username=citybrain;Database=postgres";
        return (new SuitePostgres(admin, binaries, data, $"throwaway PostgreSQL {Path.GetFileName(Path.GetDirectoryName(binaries))} on port {port} (fsync off)"), null);
    }

    /// <summary>A new empty database for one run; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string run, CancellationToken cancellationToken)
    {
        var name = $"citybrain_suite_{new string(run.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray())}_{Guid.NewGuid():N}"[..48];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(_adminConnection) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<bool> RunPostgresToolAsync(string binaries, string tool, string[] args, bool asRoot, CancellationToken cancellationToken) =>
        asRoot
            ? SucceedsAsync("runuser", ["-u", "postgres", "--", Path.Combine(binaries, tool), .. args], cancellationToken)
            : SucceedsAsync(Path.Combine(binaries, tool), args, cancellationToken);

    private static async Task<bool> SucceedsAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info);
            if (process is null) return false;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0) Console.Error.WriteLine($"suite: {file} {string.Join(' ', args)} exited {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_binaries is null || _dataFolder is null) return;
        NpgsqlConnection.ClearAllPools();
        await RunPostgresToolAsync(_binaries, "pg_ctl", ["-D", _dataFolder, "-m", "immediate", "-w", "stop"], Environment.UserName == "root", CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"suite: could not delete the throwaway PostgreSQL's folder {_dataFolder}: {e.Message}");
        }
    }
}
