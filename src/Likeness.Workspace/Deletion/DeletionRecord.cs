namespace Likeness.Workspace.Deletion;

/// <summary>What a delete removed: one shot, one reference, one identity model, or a character with everything it owned.</summary>
public enum DeletionKind
{
    /// <summary>A shot and its images.</summary>
    Shot,

    /// <summary>A reference photo (and, when forced, the pins and videos made from it).</summary>
    Reference,

    /// <summary>An identity model, its stored weights and the shots made with it.</summary>
    Identity,

    /// <summary>A character and everything it owned (a GDPR erasure).</summary>
    Character,
}

/// <summary>
/// The audit row of one delete: who, what, when and how much. It keeps ids and counts, never names or prompts,
/// and the costs of the removed work, so that the books still reconcile (the ledger keeps its lines). The files
/// to remove are listed until they are gone: a removal interrupted after the commit is finished by the doctor.
/// </summary>
public sealed class DeletionRecord
{
    private DeletionRecord()
    {
        Actor = string.Empty;
        Counts = [];
        PendingAssets = [];
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project the removed rows belonged to.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>Who asked: the OS user, or the actor string a front end gave.</summary>
    public string Actor { get; private set; }

    /// <summary>What was deleted.</summary>
    public DeletionKind Kind { get; private set; }

    /// <summary>The id of the shot, reference, identity model or character deleted.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>Whether the delete overrode a refusal (an identity in use or in training).</summary>
    public bool Forced { get; private set; }

    /// <summary>Rows removed by table ("shots", "references", ...) and "files".</summary>
    public Dictionary<string, int> Counts { get; private set; }

    /// <summary>Bytes of the files removed from the asset store.</summary>
    public long Bytes { get; private set; }

    /// <summary>What the removed work cost (succeeded shots and videos, ready identities, a cancelled training's charge): still in the ledger.</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Files no row references any more that are still to be removed from the store; empty once removed.</summary>
    public List<string> PendingAssets { get; private set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The listed files are gone from the store.</summary>
    internal void FilesRemoved() => PendingAssets = [];

    internal static DeletionRecord Create(
        Guid projectId, string actor, DeletionKind kind, Guid subjectId, bool forced, Dictionary<string, int> counts, long bytes, decimal costUsd,
        List<string> pendingAssets, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            ProjectId = projectId,
            Actor = actor,
            Kind = kind,
            SubjectId = subjectId,
            Forced = forced,
            Counts = counts,
            Bytes = bytes,
            CostUsd = costUsd,
            PendingAssets = pendingAssets,
            At = at,
        };
}
