using CityBrain.Packs;
using CityBrain.Persistence;
using Microsoft.Extensions.Options;

namespace CityBrain.Silo;

/// <summary>
/// A start that fails for a reason the operator must fix (a broken city pack, a bad setting) ends with one line
/// on standard error naming the file and the setting, and exit code <see cref="ExitCode"/>: no stack trace, which
/// would bury the line and say nothing more to them (the host may still have logged the failure). Any other
/// failure stays an ordinary crash.
/// </summary>
public static class StartupFailure
{
    /// <summary>The exit code of a start refused for its configuration (as <c>EX_CONFIG</c> of sysexits.h).</summary>
    public const int ExitCode = 78;

    public static async Task<int> ExitCleanlyAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (CityPackException e)
        {
            return await FailAsync(e.Message);
        }
        catch (ConnectionBudgetException e)
        {
            return await FailAsync(e.Message);
        }
        catch (OptionsValidationException e)
        {
            return await FailAsync(string.Join("; ", e.Failures));
        }
        catch (Orleans.Runtime.OrleansConfigurationException e)
        {
            return await FailAsync(e.Message);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return await FailAsync(string.Join("; ", e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)));
        }
    }

    private static async Task<int> FailAsync(string reason)
    {
        await Console.Error.WriteLineAsync($"CityBrain cannot start: {reason}");
        return ExitCode;
    }
}
