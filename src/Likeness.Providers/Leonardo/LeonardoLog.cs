using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Leonardo;

/// <summary>The Leonardo client's log messages (never the key, never the callback key).</summary>
internal static partial class LeonardoLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Leonardo generation {GenerationId} submitted ({Cost} {Unit})")]
    public static partial void Submitted(ILogger logger, string generationId, string? cost, string? unit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leonardo init-image upload {InitImageId} refused by storage with {Status} (attempt {Attempt} of {Attempts}); asking for a fresh presigned form")]
    public static partial void UploadRefused(ILogger logger, string initImageId, int status, int attempt, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leonardo callback rejected: {Reason}")]
    public static partial void CallbackRejected(ILogger logger, string reason);
}
