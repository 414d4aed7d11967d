namespace Likeness.Core.Accounts;

/// <summary>A user's role in one project; without a row the project does not exist for that user.</summary>
public sealed class ProjectMember
{
    private ProjectMember()
    {
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>The user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>What the user may do there.</summary>
    public ProjectRole Role { get; private set; }

    /// <summary>When the user joined.</summary>
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>Makes <paramref name="userId"/> a member of <paramref name="projectId"/>.</summary>
    public static ProjectMember Create(Guid projectId, Guid userId, ProjectRole role, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        CheckRole(role);
        DateTimeOffset now = time.GetUtcNow();
        return new ProjectMember { Id = Guid.CreateVersion7(now), ProjectId = projectId, UserId = userId, Role = role, AddedAt = now };
    }

    /// <summary>Changes the role.</summary>
    public void ChangeRole(ProjectRole role)
    {
        CheckRole(role);
        Role = role;
    }

    private static void CheckRole(ProjectRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new InvalidInputException("A role is owner, admin, artist or viewer.", "role");
        }
    }
}
