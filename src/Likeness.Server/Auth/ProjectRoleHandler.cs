using Likeness.Workspace.Projects;
using Microsoft.AspNetCore.Authorization;

namespace Likeness.Server.Auth;

/// <summary>
/// Meets <see cref="ProjectRoleRequirement"/> for members with the role; a non-member fails with
/// <see cref="NotMember"/>, which <see cref="ProjectAuthorizationResultHandler"/> turns into a 404 (another team's project
/// looks exactly like one that does not exist), while a member without the role gets a 403.
/// </summary>
internal sealed class ProjectRoleHandler(ProjectBook projects) : AuthorizationHandler<ProjectRoleRequirement>
{
    public const string NotMember = "not-a-member";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ProjectRoleRequirement requirement)
    {
        if (context.Resource is not HttpContext http || context.User.UserIdOrNull() is not { } userId)
        {
            return;
        }

        if (await ProjectAccess.RoleAsync(http, projects, userId).ConfigureAwait(false) is not { } role)
        {
            context.Fail(new AuthorizationFailureReason(this, NotMember));
        }
        else if (role >= requirement.Least)
        {
            context.Succeed(requirement);
        }
    }
}
