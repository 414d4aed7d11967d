using Microsoft.Extensions.Logging;

namespace Likeness.Workspace;

/// <summary>The workspace's log messages (source-generated, so disabled levels cost nothing).</summary>
internal static partial class WorkspaceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migrations {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shot {ShotId} at {Provider} failed: {Error}")]
    public static partial void ShotFailed(ILogger logger, Guid shotId, string provider, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video {VideoId} at {Provider} failed: {Error}")]
    public static partial void VideoFailed(ILogger logger, Guid videoId, string provider, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} was made but not checked for identity: {Reason}")]
    public static partial void VideoNotChecked(ILogger logger, Guid videoId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over the claim on {Key} from {Owner}, whose lease ran out ({State})")]
    public static partial void ClaimTakenOver(ILogger logger, string key, string owner, Likeness.Workspace.Claims.ClaimState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the claim on {Key}: {Error}")]
    public static partial void ClaimNotRenewed(ILogger logger, string key, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the claim on {Key}: {Error}")]
    public static partial void ClaimNotReleased(ILogger logger, string key, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The call on {Key} at {Provider} (job {JobId}) was sent and has no verdict yet ({ErrorType}: {Error}); its claim is kept as it stands for the next collect, never sent again")]
    public static partial void CollectDeferred(ILogger logger, string key, string provider, string jobId, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The call on {Key} at {Provider} (job {JobId}) could not be collected: {Provider} refused the API key (HTTP {Status}), which is missing, wrong, revoked or lacks access; its claim is kept as it stands, never sent again, and the next collect with a working key settles it")]
    public static partial void CollectKeyRefused(ILogger logger, string key, string provider, string jobId, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delete {DeletionId}: files left in the asset store for `likeness doctor` to remove: {Error}")]
    public static partial void DeletedFilesLeft(ILogger logger, Guid deletionId, string error);
}
