namespace Likeness.Workspace.Audit;

/// <summary>One line of the audit log: who did what, when, in which project, for how much.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    /// <summary>Its id (time-ordered).</summary>
    public Guid Id { get; private set; }

    /// <summary>The project.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>Who did it; null for the local owner (the CLI) or the server itself.</summary>
    public Guid? ActorUserId { get; private set; }

    /// <summary>What was done (<see cref="AuditActions"/>).</summary>
    public string Action { get; private set; } = "";

    /// <summary>What it was done to, in words.</summary>
    public string Detail { get; private set; } = "";

    /// <summary>The thing it concerns (a shot, a user), when there is one.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>The amount (a charge, an allowance), when there is one.</summary>
    public decimal? AmountUsd { get; private set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }

    internal static AuditEntry Create(Guid projectId, Guid? actorUserId, string action, string detail, Guid? subjectId, decimal? amountUsd, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        ProjectId = projectId,
        ActorUserId = actorUserId,
        Action = action,
        Detail = detail.Length > MaxDetailLength ? detail[..MaxDetailLength] : detail,
        SubjectId = subjectId,
        AmountUsd = amountUsd,
        At = at,
    };

    /// <summary>The longest detail kept.</summary>
    public const int MaxDetailLength = 500;
}
