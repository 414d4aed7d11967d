using System.Security.Claims;
using Likeness.Core.Accounts;

namespace Likeness.Server.Auth;

/// <summary>The claims a signed-in caller carries, and how endpoints read them.</summary>
internal static class LikenessClaims
{
    public const string TokenId = "likeness:token";
    public const string Administrator = "likeness:administrator";

    /// <summary>A principal for <paramref name="user"/>, authenticated by <paramref name="scheme"/> (with the token, if one).</summary>
    public static ClaimsPrincipal For(User user, Guid? tokenId, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimTypes.Name, user.Name) };
        if (tokenId is { } token)
        {
            claims.Add(new Claim(TokenId, token.ToString()));
        }

        if (user.IsAdministrator)
        {
            claims.Add(new Claim(Administrator, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller's user id, or null when anonymous.</summary>
    public static Guid? UserIdOrNull(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out Guid id) ? id : null;

    /// <summary>The caller's user id (the endpoint requires a signed-in caller).</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        principal.UserIdOrNull() ?? throw new InvalidOperationException("The endpoint was reached without a signed-in caller.");
}
