using System.Security.Cryptography;
using Likeness.Core;
using Likeness.Core.Ratings;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Ratings;

/// <summary>
/// Guest invites to one rating session: <c>lkr_</c> and 32 random bytes (base64url), shown once, stored as the secret's
/// SHA-256 as API tokens are (<see cref="TokenBook"/>); they expire and can be revoked. A guest's secret opens its own
/// session only.
/// </summary>
public sealed class RatingInvites(IDbContextFactory<LikenessDbContext> database, TimeProvider time, ILogger<RatingInvites> logger)
{
    /// <summary>What every invite secret starts with (distinct from API tokens, which open the API).</summary>
    public const string SecretPrefix = "lkr_";

    /// <summary>How long an invite lasts when the caller does not say.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);

    /// <summary>Issues an invite to <paramref name="sessionId"/> of <paramref name="projectId"/>; the secret is in the result only.</summary>
    public async Task<IssuedInvite> IssueAsync(Guid projectId, Guid sessionId, string label, TimeSpan? lifetime, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await RequireSessionAsync(db, projectId, sessionId, cancellationToken).ConfigureAwait(false);
        string secret = SecretPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        RatingInvite invite = RatingInvite.Create(sessionId, label, TokenBook.HashOf(secret), lifetime ?? DefaultLifetime, time);
        db.RatingInvites.Add(invite);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        RatingLog.InviteIssued(logger, invite.Id, sessionId, invite.ExpiresAt);
        return new IssuedInvite(invite, secret);
    }

    /// <summary>The session's invites, newest first (no secrets: there are none to give).</summary>
    public async Task<IReadOnlyList<RatingInvite>> ListAsync(Guid projectId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await RequireSessionAsync(db, projectId, sessionId, cancellationToken).ConfigureAwait(false);
        return (await db.RatingInvites.AsNoTracking().Where(i => i.SessionId == sessionId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(i => i.CreatedAt).ToList();
    }

    /// <summary>Revokes one of the session's invites; an invite of another session is not found.</summary>
    public async Task<RatingInvite> RevokeAsync(Guid projectId, Guid sessionId, Guid inviteId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await RequireSessionAsync(db, projectId, sessionId, cancellationToken).ConfigureAwait(false);
        RatingInvite invite = await db.RatingInvites.SingleOrDefaultAsync(i => i.Id == inviteId && i.SessionId == sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Rating, inviteId.ToString(), $"No invite {inviteId} to this session.");
        invite.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        RatingLog.InviteRevoked(logger, invite.Id, sessionId);
        return invite;
    }

    /// <summary>The working invite a presented secret belongs to, or null when it is unknown, malformed, expired or revoked.</summary>
    public async Task<RatingInvite?> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        string hash = TokenBook.HashOf(secret);
        await using LikenessDbContext db = database.CreateDbContext();
        RatingInvite? invite = await db.RatingInvites.AsNoTracking().SingleOrDefaultAsync(i => i.Hash == hash, cancellationToken).ConfigureAwait(false);
        return invite is not null && invite.IsValidAt(time.GetUtcNow()) ? invite : null;
    }

    private static async Task RequireSessionAsync(LikenessDbContext db, Guid projectId, Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await db.RatingSessions.AnyAsync(s => s.Id == sessionId && s.ProjectId == projectId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException(EntityKind.Rating, sessionId.ToString(), $"No rating session {sessionId}.");
        }
    }
}
