using Likeness.Core.References;

namespace Likeness.Workspace.Gates;

/// <summary>
/// What a character's shots are judged against with one metric: its own reference embeddings, the other cast
/// members' (impostors), the ids they came from and the references' difference hashes (the copy-paste check).
/// </summary>
/// <param name="Metric">The gate metric.</param>
/// <param name="Model">The engine.</param>
/// <param name="Own">The character's reference embeddings.</param>
/// <param name="Cast">The other characters' reference embeddings.</param>
/// <param name="ReferenceIds">Every reference the embeddings came from (own and cast).</param>
/// <param name="OwnReferences">The character's references.</param>
/// <param name="Fallback">Why the whole-image metric stands in for faces; null for the face metric.</param>
public sealed record GateSubject(
    string Metric,
    string Model,
    IReadOnlyList<IReadOnlyList<float>> Own,
    IReadOnlyList<IReadOnlyList<float>> Cast,
    IReadOnlyList<Guid> ReferenceIds,
    IReadOnlyList<ReferenceImage> OwnReferences,
    string? Fallback);
