using Likeness.Core.References;

namespace Likeness.Workspace.References;

/// <summary>What <see cref="ReferenceFaceBoxes.RefreshAsync(Guid?, CancellationToken)"/> did.</summary>
/// <param name="Filled">The references looked at, each now with its box or marked as having none found.</param>
/// <param name="Unreadable">References whose file could not be read or analysed (left as they were, looked at again next time).</param>
public sealed record FaceBoxRefresh(IReadOnlyList<ReferenceImage> Filled, int Unreadable)
{
    /// <summary>How many got a box.</summary>
    public int Boxed => Filled.Count(r => r.Analysis?.Face is not null);

    /// <summary>How many the engine found no face in (marked, not looked at again).</summary>
    public int NoFace => Filled.Count(r => r.Analysis?.FaceBoxNotFound == true);
}
