using Likeness.Core;
using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Projects;

/// <summary>
/// Projects and who may do what in them. A project exists for a user only through a membership: every lookup here
/// that takes a user answers "not found" for a project the user is not a member of, so callers cannot tell
/// another team's project from one that does not exist.
/// </summary>
public sealed class ProjectBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Creates a project with <paramref name="ownerId"/> as its owner (one transaction).</summary>
    public async Task<Project> CreateAsync(string name, decimal? budgetUsd, Guid ownerId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            throw new InvalidInputException("A project name has 1 to 200 characters.", "name");
        }

        Project project = Project.Create(name, budgetUsd, time);
        await using LikenessDbContext db = database.CreateDbContext();
        if (await db.Projects.AnyAsync(p => p.Name == project.Name, cancellationToken).ConfigureAwait(false))
        {
            throw new ConflictException(EntityKind.Project, project.Name, $"A project named '{project.Name}' already exists.");
        }

        db.Projects.Add(project);
        db.ProjectMembers.Add(ProjectMember.Create(project.Id, ownerId, ProjectRole.Owner, time));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConflictException(EntityKind.Project, project.Name, $"A project named '{project.Name}' was just created by someone else.");
        }

        return project;
    }

    /// <summary>The default project (the CLI's).</summary>
    public async Task<Project> DefaultAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Projects.AsNoTracking().SingleAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The projects <paramref name="userId"/> is a member of, with the role, by name.</summary>
    public async Task<IReadOnlyList<(Project Project, ProjectRole Role)>> ListForAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var rows = await db.ProjectMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => new { Project = p, m.Role })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.Project.Name, StringComparer.OrdinalIgnoreCase).Select(r => (r.Project, r.Role))];
    }

    /// <summary><paramref name="userId"/>'s role in the project, or null when not a member (or no such project).</summary>
    public async Task<ProjectRole?> RoleOfAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => (ProjectRole?)m.Role).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project, when <paramref name="userId"/> is a member; not found otherwise.</summary>
    public async Task<Project> GetForAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => p)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? throw NoProject(projectId);
    }

    /// <summary>Sets (or, with null, removes) the project's budget.</summary>
    public async Task<Project> SetBudgetAsync(Guid projectId, decimal? budgetUsd, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Project project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken).ConfigureAwait(false) ?? throw NoProject(projectId);
        project.SetBudget(budgetUsd);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return project;
    }

    /// <summary>The project's members with their users, by name.</summary>
    public async Task<IReadOnlyList<(ProjectMember Member, User User)>> MembersAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var rows = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Member = m, User = u })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.User.NameKey, StringComparer.Ordinal).Select(r => (r.Member, r.User))];
    }

    /// <summary>
    /// Adds <paramref name="userId"/> with <paramref name="role"/>; <paramref name="actorRole"/> is the role of whoever asks
    /// (only an owner makes owners).
    /// </summary>
    public async Task<ProjectMember> AddMemberAsync(Guid projectId, ProjectRole actorRole, Guid userId, ProjectRole role, CancellationToken cancellationToken = default)
    {
        RequireRightToGrant(actorRole, role);
        ProjectMember member = ProjectMember.Create(projectId, userId, role, time);
        await using LikenessDbContext db = database.CreateDbContext();
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException(EntityKind.User, userId.ToString(), "No such user.");
        }

        if (await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == userId, cancellationToken).ConfigureAwait(false))
        {
            throw new ConflictException(EntityKind.Member, userId.ToString(), "The user is already a member; change the role instead.");
        }

        db.ProjectMembers.Add(member);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConflictException(EntityKind.Member, userId.ToString(), "The user was just added by someone else.");
        }

        return member;
    }

    /// <summary>Changes a member's role; the last owner stays an owner.</summary>
    public async Task<ProjectMember> ChangeRoleAsync(Guid projectId, ProjectRole actorRole, Guid userId, ProjectRole role, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        ProjectMember member = await FindMemberAsync(db, projectId, userId, cancellationToken).ConfigureAwait(false);
        RequireRightToGrant(actorRole, member.Role);
        RequireRightToGrant(actorRole, role);
        if (member.Role == ProjectRole.Owner && role != ProjectRole.Owner)
        {
            await RequireAnotherOwnerAsync(db, projectId, userId, cancellationToken).ConfigureAwait(false);
        }

        member.ChangeRole(role);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return member;
    }

    /// <summary>Removes a member; the last owner cannot be removed.</summary>
    public async Task RemoveMemberAsync(Guid projectId, ProjectRole actorRole, Guid userId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        ProjectMember member = await FindMemberAsync(db, projectId, userId, cancellationToken).ConfigureAwait(false);
        RequireRightToGrant(actorRole, member.Role);
        if (member.Role == ProjectRole.Owner)
        {
            await RequireAnotherOwnerAsync(db, projectId, userId, cancellationToken).ConfigureAwait(false);
        }

        db.ProjectMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ProjectMember> FindMemberAsync(LikenessDbContext db, Guid projectId, Guid userId, CancellationToken cancellationToken) =>
        await db.ProjectMembers.SingleOrDefaultAsync(m => m.ProjectId == projectId && m.UserId == userId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Member, userId.ToString(), "No such member in this project.");

    private static async Task RequireAnotherOwnerAsync(LikenessDbContext db, Guid projectId, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId != userId && m.Role == ProjectRole.Owner, cancellationToken).ConfigureAwait(false))
        {
            throw new RuleViolationException("A project keeps at least one owner; make another member owner first.", "last-owner");
        }
    }

    // Admins manage members below owner; owners manage everyone.
    private static void RequireRightToGrant(ProjectRole actorRole, ProjectRole role)
    {
        if (role == ProjectRole.Owner && actorRole != ProjectRole.Owner)
        {
            throw new RuleViolationException("Only an owner makes, changes or removes owners.", "owner-only");
        }
    }

    private static NotFoundException NoProject(Guid projectId) => new(EntityKind.Project, projectId.ToString(), "No such project.");
}
