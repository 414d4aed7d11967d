using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Ratings;

/// <summary>The rating sessions' log messages (never a secret: invites are logged by id).</summary>
internal static partial class RatingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Rating session {SessionId} made from {Source} with {Pairs} pairs")]
    public static partial void SessionCreated(ILogger logger, Guid sessionId, string source, int pairs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rating invite {InviteId} issued for session {SessionId}, expiring {ExpiresAt}")]
    public static partial void InviteIssued(ILogger logger, Guid inviteId, Guid sessionId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rating invite {InviteId} of session {SessionId} revoked")]
    public static partial void InviteRevoked(ILogger logger, Guid inviteId, Guid sessionId);
}
