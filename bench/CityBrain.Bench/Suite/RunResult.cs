namespace CityBrain.Bench.Suite;

/// <summary>One row of the suite's table and JSON.</summary>
/// <param name="Name">The row, e.g. <c>mixed-kafka</c> or <c>attach-1k</c>.</param>
/// <param name="Status">Whether the figures count.</param>
/// <param name="Events">Events measured (an attach row: the fixed batch after the preload).</param>
/// <param name="EventsPerSecond">Events over the seconds from the first publish until the host had taken every one.</param>
/// <param name="CpuMicrosPerEvent">Host CPU (user + kernel, all threads) over the measured window, per event.</param>
/// <param name="FloorRatio">CPU per event over the floor's, the floor over the same transport.</param>
/// <param name="P50Ms">Median publish to incident change on the live stream, of the detections and reports seen there.</param>
/// <param name="P99Ms">99th percentile of the same.</param>
/// <param name="RssMiB">The host's peak resident memory (VmHWM) at the end of the run.</param>
/// <param name="StartSeconds">Host process start until it was ready (start-160k: until its first event was taken).</param>
/// <param name="Check">What the correctness check found, in one line.</param>
/// <param name="Notes">How the run was made (transport, storage, sizes), and why it failed or was skipped.</param>
public sealed record RunResult(
    string Name,
    RunStatus Status,
    long? Events = null,
    double? EventsPerSecond = null,
    double? CpuMicrosPerEvent = null,
    double? FloorRatio = null,
    double? P50Ms = null,
    double? P99Ms = null,
    double? RssMiB = null,
    double? StartSeconds = null,
    string? Check = null,
    string? Notes = null)
{
    public static RunResult Failed(string name, string reason, string? notes = null, double? startSeconds = null, double? rssMiB = null) =>
        new(name, RunStatus.Failed, StartSeconds: startSeconds, RssMiB: rssMiB, Check: "FAILED: " + reason, Notes: notes);

    public static RunResult Skipped(string name, string reason) => new(name, RunStatus.Skipped, Check: "skipped", Notes: reason);
}
