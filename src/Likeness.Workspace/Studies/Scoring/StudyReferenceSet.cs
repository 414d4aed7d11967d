using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Workspace.Clip;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>What a study compares each shot of one character with: the references' hashes and, with CLIP, their embeddings.</summary>
/// <param name="Fingerprints">Full-frame difference hashes of the references.</param>
/// <param name="ClipEmbeddings">Unit CLIP image embeddings of the references; null without a CLIP engine.</param>
public sealed record StudyReferenceSet(IReadOnlyList<ulong> Fingerprints, IReadOnlyList<float[]>? ClipEmbeddings)
{
    /// <summary>Reads and measures the character's references once per study.</summary>
    public static async Task<StudyReferenceSet> LoadAsync(LikenessWorkspace workspace, Character character, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<ReferenceImage> references = await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        var fingerprints = new List<ulong>();
        List<float[]>? embeddings = workspace.Clip is null ? null : [];
        foreach (ReferenceImage reference in references)
        {
            byte[] bytes = await workspace.Assets.ReadAllBytesAsync(reference.AssetSha256, cancellationToken).ConfigureAwait(false);
            using DecodedImage decoded = ImageDecoder.Decode(bytes, new DecodeOptions { ApplyExifOrientation = true });
            fingerprints.Add(ImageFingerprint.Compute(decoded.Image));
            embeddings?.Add(workspace.Clip!.EmbedImage(decoded.Image));
        }

        return new StudyReferenceSet(fingerprints, embeddings);
    }
}
