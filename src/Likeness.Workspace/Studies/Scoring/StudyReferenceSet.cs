using Likeness.Core.Characters;
using Likeness.Core.References;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>What a study compares each shot of one character with: the references' hashes and, with CLIP, their embeddings.</summary>
/// <param name="Fingerprints">Full-frame difference hashes of the references.</param>
/// <param name="ClipEmbeddings">Unit CLIP image embeddings of the references; null without a CLIP engine.</param>
public sealed record StudyReferenceSet(IReadOnlyList<ulong> Fingerprints, IReadOnlyList<float[]>? ClipEmbeddings)
{
    /// <summary>
    /// Gathers the character's references once per study. The hashes are the ones the reference check stored
    /// (<see cref="ReferenceImage.Fingerprint"/>, of the upright decoded image); with a CLIP engine, the embeddings
    /// come from <see cref="LikenessWorkspace.ClipEmbeddings"/> (each image embedded once, as the compare view's).
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
            embeddings.Add(await workspace.ClipEmbeddings.OfAsync(clip, reference.AssetSha256, cancellationToken).ConfigureAwait(false));
        }

        return new StudyReferenceSet(fingerprints, embeddings);
    }
}
