using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// librdkafka's own log lines (an offset reset because the committed offset fell out of retention, a broker
/// down) go to the host's logging, with its levels, instead of raw to stderr where no operator looks.
/// </summary>
internal static class LibrdkafkaLog
{
    public static void Forward(ILogger logger, LogMessage message) =>
        logger.Log(LevelOf(message.Level), "librdkafka {Facility} ({Name}): {Message}", message.Facility, message.Name, message.Message);

    private static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
