using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Imaging;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>What a study compares each shot of one character with: the references' hashes and, with CLIP, their embeddings.</summary>
/// <param name="Fingerprints">Full-frame difference hashes of the references.</param>
/// <param name="ClipEmbeddings">Unit CLIP image embeddings of the references; null without a CLIP engine.</param>
public sealed record StudyReferenceSet(IReadOnlyList<ulong> Fingerprints, IReadOnlyList<float[]>? ClipEmbeddings)
{
    /// <summary>
    /// Gathers the character's references once per study. The hashes are the ones the reference check stored
    /// (<see cref="ReferenceImage.Fingerprint"/>, of the upright decoded image); the images are read and decoded
    /// only with a CLIP engine, for their embeddings.
    /// </summary>
    public static async Task<StudyReferenceSet> LoadAsync(LikenessWorkspace workspace, Character character, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<ReferenceImage> references = await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        ulong[] fingerprints = [.. references.Select(r => r.Fingerprint)];
        if (workspace.Clip is not { } clip)
        {
            return new StudyReferenceSet(fingerprints, null);
        }

        var embeddings = new List<float[]>(references.Count);
        foreach (ReferenceImage reference in references)
        {
            byte[] bytes = await workspace.Assets.ReadAllBytesAsync(reference.AssetSha256, cancellationToken).ConfigureAwait(false);
            using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
            embeddings.Add(clip.EmbedImage(decoded.Image));
        }

        return new StudyReferenceSet(fingerprints, embeddings);
    }
}
