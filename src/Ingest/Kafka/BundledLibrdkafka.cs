using System.Reflection;
using System.Runtime.InteropServices;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// Makes Confluent.Kafka use the librdkafka its package ships, chosen explicitly. On glibc Linux x64 the
/// package's default <c>librdkafka.so</c> needs <c>libsasl2.so.3</c>, which Debian 12 lacks; Confluent.Kafka
/// would then silently bind whatever librdkafka the system has. The self-contained <c>centos8-librdkafka.so</c>
/// beside it needs nothing but glibc, so that is the one loaded there. Elsewhere the package's default stands.
/// </summary>
public static class BundledLibrdkafka
{
    private const string ImportName = "librdkafka";
    private static readonly Lock Gate = new();
    private static IntPtr _handle;
    private static bool _registered;

    /// <summary>The file loaded for <c>librdkafka</c> on this platform, or null where the package's default is used.</summary>
    public static string? PreferredPath
    {
        get
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
            var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "centos8-librdkafka.so");
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>Install the resolver; call before any Confluent.Kafka type is used. Idempotent.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
            _registered = true;
        }
    }

    /// <summary>The loaded library, for the few librdkafka functions Confluent.Kafka does not wrap (the mock cluster).</summary>
    public static IntPtr Handle
    {
        get
        {
            Register();
            lock (Gate)
            {
                if (_handle != IntPtr.Zero) return _handle;
                _handle = PreferredPath is { } path
                    ? NativeLibrary.Load(path)
                    : NativeLibrary.Load(ImportName, typeof(Confluent.Kafka.Library).Assembly, DllImportSearchPath.AssemblyDirectory);
                return _handle;
            }
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != ImportName || PreferredPath is null) return IntPtr.Zero;
        return Handle;
    }
}
