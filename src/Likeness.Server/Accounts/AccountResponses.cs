using Likeness.Core.Accounts;
using Likeness.Workspace.Accounts;

namespace Likeness.Server.Accounts;

/// <summary>A user as the API shows it (never a password hash).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its sign-in name.</param>
/// <param name="IsAdministrator">Whether it manages users.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record UserResponse(Guid Id, string Name, bool IsAdministrator, DateTimeOffset CreatedAt)
{
    internal static UserResponse From(User u) => new(u.Id, u.Name, u.IsAdministrator, u.CreatedAt);
}

/// <summary>A token as listed: never its secret (there is none stored).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its label.</param>
/// <param name="Prefix">The secret's first characters.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="LastUsedAt">When it was last used (to the minute).</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record TokenResponse(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    internal static TokenResponse From(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}

/// <summary>A token just issued, with its secret: this response is the only time it is shown.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its label.</param>
/// <param name="Prefix">The secret's first characters.</param>
/// <param name="Secret">The bearer secret (<c>lk_…</c>); keep it, it cannot be shown again.</param>
public sealed record IssuedTokenResponse(Guid Id, string Name, string Prefix, string Secret)
{
    internal static IssuedTokenResponse From(IssuedToken t) => new(t.Token.Id, t.Token.Name, t.Token.Prefix, t.Secret);
}

/// <summary>Issue a token.</summary>
/// <param name="Name">A label for it ("ci", "laptop").</param>
public sealed record CreateTokenRequest(string? Name);
