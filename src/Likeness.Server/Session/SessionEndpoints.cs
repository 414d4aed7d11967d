using System.Security.Claims;
using Likeness.Core.Accounts;
using Likeness.Server.Auth;
using Likeness.Server.Accounts;
using Likeness.Server.Problems;
using Likeness.Workspace.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Session;

/// <summary>
/// The UI's cookie session: <c>POST /api/session</c> signs in with a password and answers the antiforgery token that
/// every later unsafe request must send in <see cref="AuthSchemes.AntiforgeryHeader"/>; <c>DELETE</c> signs out.
/// </summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/session").WithTags("Session");
        group.MapPost("/", SignInAsync).AllowAnonymous().WithName("SignIn");
        group.MapDelete("/", (Func<HttpContext, Task<NoContent>>)SignOutAsync).WithName("SignOut");
        group.MapGet("/antiforgery", Antiforgery).WithName("GetAntiforgeryToken");
        return app;
    }

    private static async Task<Results<Ok<SessionResponse>, UnauthorizedHttpResult>> SignInAsync(
        SignInRequest request, HttpContext context, UserBook users, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        string name = Require.Text(request.Name, "name", User.MaxNameLength);
        string password = Require.Text(request.Password, "password", 1000);
        if (await users.VerifyPasswordAsync(name, password, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        ClaimsPrincipal principal = LikenessClaims.For(user, null, AuthSchemes.Cookie);
        await context.SignInAsync(AuthSchemes.Cookie, principal).ConfigureAwait(false);
        // The antiforgery token is bound to the signed-in identity, so it is made for the new principal.
        context.User = principal;
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new SessionResponse(UserResponse.From(user), AuthSchemes.AntiforgeryHeader, tokens.RequestToken!));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static Ok<AntiforgeryResponse> Antiforgery(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryResponse(AuthSchemes.AntiforgeryHeader, antiforgery.GetAndStoreTokens(context).RequestToken!));
}

/// <summary>Sign in with a password.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="Password">The password.</param>
public sealed record SignInRequest(string? Name, string? Password);

/// <summary>A signed-in session.</summary>
/// <param name="User">Who signed in.</param>
/// <param name="AntiforgeryHeader">The header unsafe requests carry the token in.</param>
/// <param name="AntiforgeryToken">The token.</param>
public sealed record SessionResponse(UserResponse User, string AntiforgeryHeader, string AntiforgeryToken);

/// <summary>An antiforgery token for the signed-in browser.</summary>
/// <param name="Header">The header to send it in.</param>
/// <param name="Token">The token.</param>
public sealed record AntiforgeryResponse(string Header, string Token);
