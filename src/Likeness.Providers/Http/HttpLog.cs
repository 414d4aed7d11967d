using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Http;

/// <summary>The HTTP pipeline's log messages. Paths only: never headers, which carry keys.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client} {Method} {Path} answered {Status}; retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void RetryingStatus(ILogger logger, string client, string method, string path, int status, int retry, int maxRetries, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client} {Method} {Path} failed ({Error}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void RetryingFailure(ILogger logger, string client, string method, string path, string error, int retry, int maxRetries, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} {Method} {Path}: the answer was lost after the request was sent ({Error}); not re-sent because it creates paid work")]
    public static partial void OutcomeUnknown(ILogger logger, string client, string method, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client}: circuit opened after repeated outage answers; calls are refused for {BreakSeconds} s, then one probe goes through")]
    public static partial void CircuitOpened(ILogger logger, string client, double breakSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client}: circuit half-open; the next call is a probe")]
    public static partial void CircuitHalfOpen(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client}: circuit closed; calls go through again")]
    public static partial void CircuitClosed(ILogger logger, string client);
}
