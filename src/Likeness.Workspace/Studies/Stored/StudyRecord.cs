using Likeness.Workspace.Jobs;

namespace Likeness.Workspace.Studies.Stored;

/// <summary>
/// A study run by the server for a project: its study file as sent, its background job, and the files it produced
/// (results.csv, results.json, report.html and the report's images), kept in the asset store by content hash so any
/// node of a cluster serves them.
/// </summary>
public sealed class StudyRecord
{
    private StudyRecord()
    {
        Name = string.Empty;
        Definition = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project it belongs to.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>The study's name (from its file).</summary>
    public string Name { get; private set; }

    /// <summary>The study file as it was sent (YAML or JSON).</summary>
    public string Definition { get; private set; }

    /// <summary>Where it is: its job's status, kept on the row (succeeded once its files are in the store).</summary>
    public JobStatus Status { get; internal set; }

    /// <summary>The background job that runs it.</summary>
    public Guid? JobId { get; internal set; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it finished (succeeded, failed or cancelled).</summary>
    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>Its produced files: the name in the study folder (<c>report.html</c>, <c>images/ID.thumb.jpg</c>) to the asset's SHA-256.</summary>
    public Dictionary<string, string> Files { get; internal set; } = new(StringComparer.Ordinal);

    /// <summary>True once it can change no more.</summary>
    public bool IsFinal => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>A new queued study.</summary>
    internal static StudyRecord Create(Guid projectId, string name, string definition, TimeProvider time)
    {
        DateTimeOffset now = time.GetUtcNow();
        return new StudyRecord { Id = Guid.CreateVersion7(now), ProjectId = projectId, Name = name, Definition = definition, Status = JobStatus.Queued, CreatedAt = now };
    }
}
