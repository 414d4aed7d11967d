using System.Text.Encodings.Web;
using Likeness.Workspace.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer lk_…</c> with the token book; an unknown or revoked token fails (401), no
/// header means "not this scheme". The secret is never logged: failures name no token.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenBook tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        TokenCaller? caller = await tokens.AuthenticateAsync(header[Prefix.Length..].Trim(), Context.RequestAborted).ConfigureAwait(false);
        return caller is null
            ? AuthenticateResult.Fail("The bearer token is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(LikenessClaims.For(caller.User, caller.TokenId, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
