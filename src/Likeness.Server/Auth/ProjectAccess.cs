using Likeness.Core.Accounts;
using Likeness.Workspace.Projects;

namespace Likeness.Server.Auth;

/// <summary>
/// The caller's role in the route's project (<c>{project}</c>), looked up once per request and kept on the request, so
/// several requirements and the endpoint itself share one query.
/// </summary>
internal static class ProjectAccess
{
    public const string RouteKey = "project";
    private const string ItemKey = "likeness.project-role";

    /// <summary>The role, or null when the caller is not a member (or the project does not exist: the same answer).</summary>
    public static async Task<ProjectRole?> RoleAsync(HttpContext context, ProjectBook projects, Guid userId)
    {
        if (context.Items.TryGetValue(ItemKey, out object? cached))
        {
            return (ProjectRole?)cached;
        }

        ProjectRole? role = Guid.TryParse(context.GetRouteValue(RouteKey)?.ToString(), out Guid projectId)
            ? await projects.RoleOfAsync(projectId, userId, context.RequestAborted).ConfigureAwait(false)
            : null;
        context.Items[ItemKey] = role;
        return role;
    }

    /// <summary>The role the authorization step found (the endpoint runs only for members).</summary>
    public static ProjectRole RoleOf(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out object? cached) && cached is ProjectRole role
            ? role
            : throw new InvalidOperationException("A project endpoint ran without its role requirement.");
}
