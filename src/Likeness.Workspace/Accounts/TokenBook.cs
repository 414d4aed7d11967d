using System.Security.Cryptography;
using System.Text;
using Likeness.Core;
using Likeness.Core.Accounts;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Accounts;

/// <summary>
/// Personal API tokens: <c>lk_</c> and 32 random bytes (base64url), shown once; stored as the secret's SHA-256 (a
/// random 256-bit secret needs no salt or slow hash: nothing can be guessed from its digest). Revocable; the last use
/// is noted at most once a minute so reads do not turn into writes.
/// </summary>
public sealed class TokenBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>What every token starts with, so scanners and people recognise one.</summary>
    public const string SecretPrefix = "lk_";

    private static readonly TimeSpan UseGranularity = TimeSpan.FromMinutes(1);

    /// <summary>Issues a token for <paramref name="userId"/>; the secret is in the result only.</summary>
    public async Task<IssuedToken> IssueAsync(Guid userId, string name, CancellationToken cancellationToken = default)
    {
        string secret = SecretPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        ApiToken token = ApiToken.Create(userId, name, HashOf(secret), secret[..10], time);
        await using LikenessDbContext db = database.CreateDbContext();
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException(EntityKind.User, userId.ToString(), "No such user.");
        }

        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new IssuedToken(token, secret);
    }

    /// <summary>The caller a presented secret belongs to, or null when it is unknown, malformed or revoked.</summary>
    public async Task<TokenCaller?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        string hash = HashOf(secret);
        await using LikenessDbContext db = database.CreateDbContext();
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        DateTimeOffset now = time.GetUtcNow();
        if (found.Token.LastUsedAt is not { } last || now - last >= UseGranularity)
        {
            ApiToken tracked = await db.ApiTokens.SingleAsync(t => t.Id == found.Token.Id, cancellationToken).ConfigureAwait(false);
            tracked.Used(now);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return new TokenCaller(found.User, found.Token.Id);
    }

    /// <summary>A user's tokens, newest first (no secrets: there are none to give).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(t => t.CreatedAt).ToList();
    }

    /// <summary>Revokes one of <paramref name="userId"/>'s tokens; another user's token is not found.</summary>
    public async Task<ApiToken> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        ApiToken token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Token, tokenId.ToString(), "No such token.");
        token.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes.</summary>
    internal static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
