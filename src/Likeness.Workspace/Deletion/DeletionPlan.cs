namespace Likeness.Workspace.Deletion;

/// <summary>What a delete removes (or would remove): rows by kind, and the files no other row references.</summary>
/// <param name="Kind">What is deleted.</param>
/// <param name="SubjectId">Its id.</param>
/// <param name="References">Reference photos.</param>
/// <param name="Identities">Identity models.</param>
/// <param name="Shots">Shots.</param>
/// <param name="Pins">Pins.</param>
/// <param name="Videos">Videos.</param>
/// <param name="Claims">Settled claims on paid calls.</param>
/// <param name="Files">Files removed from the asset store (content no other row uses).</param>
/// <param name="Bytes">Their size.</param>
public sealed record DeletionPlan(
    DeletionKind Kind, Guid SubjectId, int References, int Identities, int Shots, int Pins, int Videos, int Claims, int Files, long Bytes)
{
    /// <summary>The counts as the audit row keeps them.</summary>
    public Dictionary<string, int> Counts() => new(StringComparer.Ordinal)
    {
        ["references"] = References,
        ["identities"] = Identities,
        ["shots"] = Shots,
        ["pins"] = Pins,
        ["videos"] = Videos,
        ["claims"] = Claims,
        ["files"] = Files,
    };
}

/// <summary>How a delete went.</summary>
/// <param name="Plan">What it removed.</param>
/// <param name="FilesLeft">Files it could not remove after the commit; <c>likeness doctor</c> removes them.</param>
public sealed record DeletionResult(DeletionPlan Plan, int FilesLeft);

/// <summary>Who deletes, and whether a refusal that can be overridden is.</summary>
/// <param name="Actor">Recorded in the audit; null records the OS user.</param>
/// <param name="Force">Delete a reference still used by identity models or pins, or an identity still training (cancelled at its provider first).</param>
public sealed record DeleteOptions(string? Actor = null, bool Force = false);
