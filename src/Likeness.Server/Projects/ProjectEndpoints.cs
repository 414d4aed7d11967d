using System.Security.Claims;
using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Projects;

/// <summary>
/// <c>/api/projects</c>: the caller's projects and new ones; <c>/api/projects/{project}</c> (members only) and its budget.
/// </summary>
internal static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/projects").WithTags("Projects");
        group.MapGet("/", ListAsync).WithName("ListProjects");
        group.MapPost("/", CreateAsync).WithName("CreateProject");
        return app;
    }

    /// <summary>The routes of one project, on its group (<c>/api/projects/{project}</c>, viewers and up).</summary>
    public static RouteGroupBuilder MapProject(this RouteGroupBuilder project)
    {
        project.MapGet("/", GetAsync).WithTags("Projects").WithName("GetProject");
        project.MapPut("/budget", SetBudgetAsync).WithTags("Projects").WithName("SetProjectBudget").RequireAuthorization(Policies.Admin);
        return project;
    }

    private static async Task<Ok<ProjectResponse[]>> ListAsync(ClaimsPrincipal user, ProjectBook projects, CancellationToken cancellationToken) =>
        TypedResults.Ok((await projects.ListForAsync(user.UserId(), cancellationToken).ConfigureAwait(false)).Select(p => ProjectResponse.From(p.Project, p.Role)).ToArray());

    private static async Task<Created<ProjectResponse>> CreateAsync(CreateProjectRequest request, ClaimsPrincipal user, ProjectBook projects, CancellationToken cancellationToken)
    {
        Project project = await projects.CreateAsync(Require.Text(request.Name, "name"), request.BudgetUsd, user.UserId(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/projects/{project.Id}", ProjectResponse.From(project, ProjectRole.Owner));
    }

    private static async Task<Ok<ProjectResponse>> GetAsync(Guid project, ClaimsPrincipal user, HttpContext context, ProjectBook projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectResponse.From(await projects.GetForAsync(project, user.UserId(), cancellationToken).ConfigureAwait(false), ProjectAccess.RoleOf(context)));

    private static async Task<Ok<ProjectResponse>> SetBudgetAsync(Guid project, SetBudgetRequest request, HttpContext context, ProjectBook projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectResponse.From(await projects.SetBudgetAsync(project, request.BudgetUsd, cancellationToken).ConfigureAwait(false), ProjectAccess.RoleOf(context)));
}
