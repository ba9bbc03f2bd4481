using CityBrain.Bench;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops gracefully so partial results are still printed; a second one terminates at once.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        Console.Error.WriteLine("interrupted; finishing up (press Ctrl+C again to abort)");
        cancellation.Cancel();
    }
};

try
{
    return args switch
    {
        [] => Fail("missing command"),
        ["-h" or "--help" or "help", ..] => Help(),
        ["convert-311", .. var rest] => Nyc311Converter.Run(
            CommandOptions.Parse("convert-311", rest, Nyc311Converter.ValueOptions, [])),
        ["replay", .. var rest] => await Replayer.RunAsync(
            CommandOptions.Parse("replay", rest, Replayer.ValueOptions, Replayer.FlagOptions), args, cancellation.Token),
        ["check-311", .. var rest] => await Nyc311Check.RunAsync(
            CommandOptions.Parse("check-311", rest, Nyc311Check.ValueOptions, []), cancellation.Token),
        ["generate", .. var rest] => SyntheticFeed.Run(
            CommandOptions.Parse("generate", rest, SyntheticFeed.ValueOptions, [])),
        ["check-synthetic", .. var rest] => await SyntheticCheck.RunAsync(
            CommandOptions.Parse("check-synthetic", rest, SyntheticCheck.ValueOptions, []), cancellation.Token),
        ["watch-evidence", .. var rest] => await WatchEvidence.RunAsync(
            CommandOptions.Parse("watch-evidence", rest, WatchEvidence.ValueOptions, []), cancellation.Token),
        ["sla-pack", .. var rest] => SlaPackWriter.Run(
            CommandOptions.Parse("sla-pack", rest, SlaPackWriter.ValueOptions, [])),
        ["check-sla", .. var rest] => await SlaCheck.RunAsync(
            CommandOptions.Parse("check-sla", rest, SlaCheck.ValueOptions, []), cancellation.Token),
        ["scenario-set", .. var rest] => ScenarioSetWriter.Run(
            CommandOptions.Parse("scenario-set", rest, ScenarioSetWriter.ValueOptions, [])),
        ["backtest", .. var rest] => ScenarioBacktestCommand.Run(
            CommandOptions.Parse("backtest", rest, ScenarioBacktestCommand.ValueOptions, [])),
        ["cpu", .. var rest] => await CpuMeter.RunAsync(
            CommandOptions.Parse("cpu", rest, CpuMeter.ValueOptions, []), cancellation.Token),
        ["suite", .. var rest] => await CityBrain.Bench.Suite.SuiteCommand.RunAsync(
            CommandOptions.Parse("suite", rest, CityBrain.Bench.Suite.SuiteSettings.ValueOptions, CityBrain.Bench.Suite.SuiteSettings.FlagOptions), cancellation.Token),
        [var unknown, ..] => Fail($"unknown command '{unknown}'"),
    };
}
catch (UsageException ex)
{
    return Fail(ex.Message);
}
catch (BenchException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return ex.ExitCode;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted");
    return ExitCodes.Interrupted;
}
catch (IOException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return ExitCodes.Failure;
}
catch (UnauthorizedAccessException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return ExitCodes.Failure;
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    Console.Error.WriteLine();
    Usage.Write(Console.Error);
    return ExitCodes.Usage;
}

static int Help()
{
    Usage.Write(Console.Out);
    return ExitCodes.Success;
}
