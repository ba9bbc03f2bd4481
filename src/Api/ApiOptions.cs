using System.ComponentModel.DataAnnotations;

namespace CityBrain.Api;

/// <summary>HTTP API settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// Largest body <c>POST /api/events</c> reads, in bytes (1 KiB to 256 MiB). A larger one is answered 413: at once
    /// when its Content-Length says so, else as soon as this many bytes have arrived (chunked bodies included).
    /// </summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxEventsBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most events one <c>POST /api/events</c> may carry (1 to 100,000); more are answered 413 naming the count.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>
    /// Seconds a <c>POST /api/events</c> may spend handing its events to the grains (1 to 600); events not taken
    /// within it are answered <c>not_taken</c>, to be resent. The default answers before a client's usual 30 s timeout.
    /// </summary>
    [Range(1, 600)]
    public int EventsTimeBudgetSeconds { get; set; } = 25;

    /// <summary>
    /// Changes (or notices) one live SSE client may have waiting (16 to 1,000,000). A client that reads more slowly
    /// than they come gets, past this, a <c>gap</c> event saying how many it missed instead of them.
    /// </summary>
    [Range(16, 1_000_000)]
    public int LiveClientQueue { get; set; } = 1024;
}
