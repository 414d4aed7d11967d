using Likeness.Core.Accounts;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Audit;
using Likeness.Workspace.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Members;

/// <summary><c>/api/projects/{project}/members</c>: viewers list them; admins add, change and remove (only owners touch owners).</summary>
internal static class MemberEndpoints
{
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/members").WithTags("Members");
        group.MapGet("/", ListAsync).WithName("ListMembers");
        group.MapPost("/", AddAsync).WithName("AddMember").RequireAuthorization(Policies.Admin);
        group.MapPut("/{user:guid}", ChangeRoleAsync).WithName("ChangeMemberRole").RequireAuthorization(Policies.Admin);
        group.MapDelete("/{user:guid}", RemoveAsync).WithName("RemoveMember").RequireAuthorization(Policies.Admin);
        return project;
    }

    private static async Task<Ok<MemberResponse[]>> ListAsync(Guid project, ProjectBook projects, CancellationToken cancellationToken) =>
        TypedResults.Ok((await projects.MembersAsync(project, cancellationToken).ConfigureAwait(false)).Select(m => MemberResponse.From(m.Member, m.User)).ToArray());

    private static async Task<Created<MemberResponse>> AddAsync(
        Guid project, AddMemberRequest request, HttpContext context, ProjectBook projects, UserBook users, AuditLog audit, CancellationToken cancellationToken)
    {
        ProjectRole role = Require.Role(request.Role);
        User user = request.UserId is { } id
            ? await users.GetAsync(id, cancellationToken).ConfigureAwait(false)
            : await users.FindAsync(Require.Text(request.UserName, "userName", User.MaxNameLength), cancellationToken).ConfigureAwait(false);
        ProjectMember member = await projects.AddMemberAsync(project, ProjectAccess.RoleOf(context), user.Id, role, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(project, context.User.UserId(), AuditActions.MemberAdded, $"{user.Name} as {Require.NameOf(role)}", user.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/projects/{project}/members/{user.Id}", MemberResponse.From(member, user));
    }

    private static async Task<Ok<MemberResponse>> ChangeRoleAsync(
        Guid project, Guid user, ChangeRoleRequest request, HttpContext context, ProjectBook projects, UserBook users, AuditLog audit, CancellationToken cancellationToken)
    {
        ProjectMember member = await projects.ChangeRoleAsync(project, ProjectAccess.RoleOf(context), user, Require.Role(request.Role), cancellationToken).ConfigureAwait(false);
        User changed = await users.GetAsync(user, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(project, context.User.UserId(), AuditActions.MemberRoleChanged, $"{changed.Name} to {Require.NameOf(member.Role)}", user, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(MemberResponse.From(member, changed));
    }

    private static async Task<NoContent> RemoveAsync(Guid project, Guid user, HttpContext context, ProjectBook projects, AuditLog audit, CancellationToken cancellationToken)
    {
        await projects.RemoveMemberAsync(project, ProjectAccess.RoleOf(context), user, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(project, context.User.UserId(), AuditActions.MemberRemoved, $"user {user}", user, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

/// <summary>A member of a project.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Name">The user's name.</param>
/// <param name="Role">owner, admin, artist or viewer.</param>
/// <param name="AddedAt">When the user joined.</param>
public sealed record MemberResponse(Guid UserId, string Name, string Role, DateTimeOffset AddedAt)
{
    internal static MemberResponse From(ProjectMember m, User u) => new(u.Id, u.Name, Require.NameOf(m.Role), m.AddedAt);
}

/// <summary>Add a user to the project.</summary>
/// <param name="UserId">The user's id (or give <paramref name="UserName"/>).</param>
/// <param name="UserName">The user's name.</param>
/// <param name="Role">owner, admin, artist or viewer.</param>
public sealed record AddMemberRequest(Guid? UserId, string? UserName, string? Role);

/// <summary>Change a member's role.</summary>
/// <param name="Role">owner, admin, artist or viewer.</param>
public sealed record ChangeRoleRequest(string? Role);
