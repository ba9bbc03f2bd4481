using System.Net.Sockets;
using System.Text;

namespace CityBrain.EndToEndTests;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient will not send as they are: a Content-Length it does not
/// back with a body, a body the server stops reading. The answer is read while the body is still being written.
/// </summary>
public static class RawHttp
{
    /// <summary>The status code and the whole answer as text (headers and body, chunk framing included).</summary>
    public static async Task<(int Status, string Text)> SendAsync(int port, string head, Func<Stream, Task>? writeBody, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var stop = new CancellationTokenSource(timeout);
        var writing = writeBody is null ? Task.CompletedTask : Task.Run(async () =>
        {
            try
            {
                await writeBody(stream);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The server answered and closed while the body was still going: what these tests expect.
            }
        });

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (!stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                break;
            }

            if (read == 0) break;
            received.Write(buffer, 0, read);
            var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
            if (Complete(text)) break;
        }

        client.Close();
        await writing;
        var answer = Encoding.UTF8.GetString(received.ToArray());
        var status = answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(answer.AsSpan(9, 3)) : 0;
        return (status, answer);
    }

    private static bool Complete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var headers = text[..end];
        var body = text[(end + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) return body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return Encoding.UTF8.GetByteCount(body) >= int.Parse(line["Content-Length:".Length..].Trim());
        }

        return false;
    }

    /// <summary>Resident memory of a process in bytes (VmRSS of /proc/&lt;pid&gt;/status).</summary>
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    /// <summary>The host process serving <paramref name="httpPort"/>, found by its command line.</summary>
    public static int HostPid(int httpPort)
    {
        var url = $"--Http:Url=http://127.0.0.1:{httpPort}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0').Contains(url)) return pid;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException($"no process serves {url}");
    }
}
