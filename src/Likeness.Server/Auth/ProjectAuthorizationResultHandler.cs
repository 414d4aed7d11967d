using Likeness.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Likeness.Server.Auth;

/// <summary>A caller who is not a member of the route's project gets the same 404 as for a project that does not exist.</summary>
internal sealed class ProjectAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message == ProjectRoleHandler.NotMember) == true)
        {
            // The exception handler writes it as every other 404 is written.
            string key = context.GetRouteValue(ProjectAccess.RouteKey)?.ToString() ?? string.Empty;
            throw new NotFoundException(EntityKind.Project, key, "No such project.");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
