using Likeness.Core.Accounts;
using Likeness.Server.Auth;
using Likeness.Server.Accounts;
using Likeness.Server.Problems;
using Likeness.Workspace.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Users;

/// <summary>The <c>/api/users</c> routes, for administrators: list and create users.</summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Administrator);
        group.MapGet("/", ListAsync).WithName("ListUsers");
        group.MapPost("/", CreateAsync).WithName("CreateUser");
        return app;
    }

    private static async Task<Ok<UserResponse[]>> ListAsync(UserBook users, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(cancellationToken).ConfigureAwait(false)).Select(UserResponse.From).ToArray());

    private static async Task<Created<UserResponse>> CreateAsync(CreateUserRequest request, UserBook users, CancellationToken cancellationToken)
    {
        User user = await users.CreateAsync(Require.Text(request.Name, "name", User.MaxNameLength), request.Password, request.IsAdministrator ?? false, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/users/{user.Id}", UserResponse.From(user));
    }
}

/// <summary>Create a user.</summary>
/// <param name="Name">Sign-in name: letters, digits, '.', '_', '-', '@'.</param>
/// <param name="Password">At least 12 characters; omitted, the user signs in only with tokens.</param>
/// <param name="IsAdministrator">Whether the user manages users.</param>
public sealed record CreateUserRequest(string? Name, string? Password, bool? IsAdministrator);
