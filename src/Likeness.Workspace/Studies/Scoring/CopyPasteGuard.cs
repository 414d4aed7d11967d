using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Imaging.Transforms;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>
/// Flags a shot that is a near-duplicate of one of the character's references: identity "kept" by handing the
/// reference back. The measure is the full-frame 64-bit difference hash (<see cref="ImageFingerprint"/>), of
/// the shot and of its mirror image, against each reference; a shot within
/// <see cref="ImageFingerprint.NearDuplicateBits"/> bits of a reference is a copy, the same bar the reference
/// check uses for near-duplicate uploads. Why not CLIP-I: two genuinely different photos of one person already
/// reach CLIP-I about 0.885 (evaluation.md §3.2), so a CLIP bar sits next to honest shots and needs a model;
/// the hash needs none and only fires on the same composition. It misses tight crops of a reference.
/// </summary>
public static class CopyPasteGuard
{
    /// <summary>The shot's hashes: as made and mirrored.</summary>
    public static (ulong Plain, ulong Mirrored) Fingerprints(Image image)
    {
        using Image mirrored = Geometry.FlipHorizontal(image);
        return (ImageFingerprint.Compute(image), ImageFingerprint.Compute(mirrored));
    }

    /// <summary>Similarity (1 - differing bits / 64) to the closest reference, and whether that makes it a copy; null without references.</summary>
    public static (double Similarity, bool Copy)? Check((ulong Plain, ulong Mirrored) shot, IReadOnlyList<ulong> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            return null;
        }

        int bits = references.Min(r => Math.Min(ImageFingerprint.Distance(shot.Plain, r), ImageFingerprint.Distance(shot.Mirrored, r)));
        return (1 - (bits / 64.0), bits <= ImageFingerprint.NearDuplicateBits);
    }
}
