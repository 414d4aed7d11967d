using System.Security.Claims;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Accounts;

/// <summary>The <c>/api/me</c> routes: who the caller is, and the caller's own tokens.</summary>
internal static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/me").WithTags("Me");
        group.MapGet("/", GetAsync).WithName("GetMe");
        group.MapGet("/tokens", ListTokensAsync).WithName("ListMyTokens");
        group.MapPost("/tokens", IssueTokenAsync).WithName("IssueToken");
        group.MapDelete("/tokens/{token:guid}", RevokeTokenAsync).WithName("RevokeToken");
        return app;
    }

    private static async Task<Ok<UserResponse>> GetAsync(ClaimsPrincipal user, UserBook users, CancellationToken cancellationToken) =>
        TypedResults.Ok(UserResponse.From(await users.GetAsync(user.UserId(), cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<TokenResponse[]>> ListTokensAsync(ClaimsPrincipal user, TokenBook tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tokens.ListAsync(user.UserId(), cancellationToken).ConfigureAwait(false)).Select(TokenResponse.From).ToArray());

    private static async Task<Created<IssuedTokenResponse>> IssueTokenAsync(CreateTokenRequest request, ClaimsPrincipal user, TokenBook tokens, CancellationToken cancellationToken)
    {
        IssuedToken issued = await tokens.IssueAsync(user.UserId(), Require.Text(request.Name, "name", 100), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/me/tokens/{issued.Token.Id}", IssuedTokenResponse.From(issued));
    }

    private static async Task<NoContent> RevokeTokenAsync(Guid token, ClaimsPrincipal user, TokenBook tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(user.UserId(), token, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
