using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Stability;

/// <summary>The Stability client's log messages (never the key).</summary>
internal static partial class StabilityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Stability {Endpoint} answered {FinishReason} (seed {Seed})")]
    public static partial void Generated(ILogger logger, string endpoint, string finishReason, long? seed);
}
