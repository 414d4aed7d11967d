using Likeness.Core;
using Microsoft.AspNetCore.Antiforgery;

namespace Likeness.Server.Auth;

/// <summary>
/// A browser sends the sign-in cookie with any request, including one a hostile page makes: an unsafe request
/// authenticated by the cookie must also carry the antiforgery token (header <see cref="AuthSchemes.AntiforgeryHeader"/>).
/// Bearer-token requests are not ambient credentials and need none.
/// </summary>
internal sealed class CookieAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // IsRequestValidAsync passes GET, HEAD, OPTIONS and TRACE without a token.
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie }
            && !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            throw new InvalidInputException(
                $"A signed-in browser request that changes something needs the antiforgery token in the {AuthSchemes.AntiforgeryHeader} header (GET /api/session/antiforgery).",
                AuthSchemes.AntiforgeryHeader);
        }

        await next(context).ConfigureAwait(false);
    }
}
