using Likeness.Core.Accounts;

namespace Likeness.Workspace.Jobs;

/// <summary>What a background job does.</summary>
public enum JobKind
{
    /// <summary>Trains (or registers) an identity model.</summary>
    Training,

    /// <summary>Makes a batch of shots.</summary>
    Shots,

    /// <summary>Runs a study.</summary>
    Study,

    /// <summary>Makes a video of a pinned character.</summary>
    Video,

    /// <summary>Makes a character's reference set (the five standard views).</summary>
    ReferenceSet,
}

/// <summary>Where a background job is.</summary>
public enum JobStatus
{
    /// <summary>Accepted, not started.</summary>
    Queued,

    /// <summary>Running (possibly waiting on a provider between steps).</summary>
    Running,

    /// <summary>Finished with its results.</summary>
    Succeeded,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Cancelled on request.</summary>
    Cancelled,
}

/// <summary>
/// A background job as people follow it: what it is, where it is, what it has cost and made so far. Every change
/// raises <see cref="Version"/> by one (the event id of its progress stream) and is checked against it, so two nodes
/// never overwrite each other's step.
/// </summary>
public sealed class JobRecord
{
    private JobRecord()
    {
        Input = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project it acts in.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>What it does.</summary>
    public JobKind Kind { get; private set; }

    /// <summary>Its request, as JSON.</summary>
    public string Input { get; private set; }

    /// <summary>Where it is.</summary>
    public JobStatus Status { get; set; }

    /// <summary>How far it is, 0 to 100.</summary>
    public double Percent { get; set; }

    /// <summary>What it has cost so far.</summary>
    public decimal CostUsd { get; set; }

    /// <summary>Its last progress message (a provider's log line, a step).</summary>
    public string? Message { get; set; }

    /// <summary>What it made (identity model, shot or study run ids).</summary>
    public List<Guid> ResultIds { get; set; } = [];

    /// <summary>Why it failed, as RFC 9457 problem JSON.</summary>
    public string? Error { get; set; }

    /// <summary>The thing it follows between steps (a training's identity model).</summary>
    public Guid? SubjectId { get; set; }

    /// <summary>True once someone asked to cancel it.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>The member who asked for it through the server (its paid calls are charged to their credits); null for none.</summary>
    public Guid? RequestedBy { get; private set; }

    /// <summary>Their role in the project when they asked (whose quotas its paid calls count against).</summary>
    public ProjectRole? RequestedRole { get; private set; }

    /// <summary>Who asked for it, when a member did.</summary>
    public JobRequester? Requester => RequestedBy is { } user && RequestedRole is { } role ? new JobRequester(user, role) : null;

    /// <summary>Raised by one on every change.</summary>
    public int Version { get; internal set; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }

    /// <summary>True once it can change no more.</summary>
    public bool IsFinal => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>A new queued job, asked for by <paramref name="requester"/> when a member did.</summary>
    public static JobRecord Create(Guid projectId, JobKind kind, string input, TimeProvider time, JobRequester? requester = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        return new JobRecord
        {
            Id = Guid.CreateVersion7(now), ProjectId = projectId, Kind = kind, Input = input, Status = JobStatus.Queued, Version = 1, CreatedAt = now, UpdatedAt = now,
            RequestedBy = requester?.UserId, RequestedRole = requester?.Role,
        };
    }

    /// <summary>A detached copy (to compare before and after a change).</summary>
    internal JobRecord Copy()
    {
        var copy = (JobRecord)MemberwiseClone();
        copy.ResultIds = [.. ResultIds];
        return copy;
    }

    /// <summary>True when anything people see differs from <paramref name="other"/>.</summary>
    internal bool SameAs(JobRecord other) =>
        Status == other.Status && Percent.Equals(other.Percent) && CostUsd == other.CostUsd && Message == other.Message && Error == other.Error
        && SubjectId == other.SubjectId && CancelRequested == other.CancelRequested && ResultIds.SequenceEqual(other.ResultIds);
}
