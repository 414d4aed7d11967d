using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Astria;

/// <summary>The Astria client's log messages (never the key, never a callback secret).</summary>
internal static partial class AstriaLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Astria tune {TuneId} '{Title}' created on branch {Branch}")]
    public static partial void TuneCreated(ILogger logger, long tuneId, string title, string? branch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Astria tune submission '{Title}' had no clear answer ({Error}); looking it up by title in {DelayS} s before anything is sent again")]
    public static partial void TuneAmbiguous(ILogger logger, string title, string error, double delayS);

    [LoggerMessage(Level = LogLevel.Information, Message = "Astria tune '{Title}' was created after all (tune {TuneId}); not sent again")]
    public static partial void TuneFoundByTitle(ILogger logger, string title, long tuneId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Astria prompt {PromptId} created on tune {TuneId}")]
    public static partial void PromptCreated(ILogger logger, long promptId, long tuneId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Astria callback for job {Job} refused: {Reason}")]
    public static partial void CallbackRefused(ILogger logger, string? job, string reason);
}
