using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Studies.Calibration;
using Likeness.Inference.Clip;
using Likeness.Workspace.Dino;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>
/// Collects DINO-I's calibration cosines from the references (<see cref="DinoCalibrationSamples"/>): genuine pairs are
/// two references of one study character, impostor pairs a study character's reference against any other workspace
/// character's (the cast and the sim's distractors), as <see cref="CalibrationSampler"/> pairs face descriptors. The
/// same or a near-identical image is never a pair (<see cref="CalibrationSampler.SameImage"/>), and each pair of files
/// counts once.
/// </summary>
public static class DinoCalibrationSampler
{
    /// <summary>The samples, or null without a DINOv2 engine.</summary>
    public static async Task<DinoCalibrationSamples?> CollectAsync(LikenessWorkspace workspace, IReadOnlyList<Character> studyCharacters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(studyCharacters);
        if (workspace.Dino is not { } engine)
        {
            return null;
        }

        var sets = new Dictionary<Guid, DinoReferenceSet>();
        foreach (Character character in await workspace.Characters.ListAsync(CalibrationSampler.ProjectOf(studyCharacters), cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ReferenceImage> references = await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
            sets[character.Id] = await DinoReferenceSet.LoadAsync(engine, references, workspace.Assets, workspace.Faces, cancellationToken).ConfigureAwait(false);
        }

        var genuine = new Pairs();
        var impostor = new Pairs();
        foreach (Guid id in studyCharacters.Select(c => c.Id).Distinct().Where(sets.ContainsKey))
        {
            var own = sets[id].References;
            for (int i = 0; i < own.Count; i++)
            {
                foreach (var other in own.Skip(i + 1))
                {
                    genuine.Add(own[i], other);
                }

                foreach (var other in sets.Where(s => s.Key != id).SelectMany(s => s.Value.References))
                {
                    impostor.Add(own[i], other);
                }
            }
        }

        return new DinoCalibrationSamples(engine.Name, genuine.Whole, impostor.Whole, genuine.Crop, impostor.Crop);
    }

    /// <summary>Cosines of distinct pairs of files, whole frame and crop.</summary>
    private sealed class Pairs
    {
        private readonly HashSet<(string, string)> _seen = [];

        public List<double> Whole { get; } = [];

        public List<double> Crop { get; } = [];

        public void Add((ReferenceImage Reference, DinoImageEmbeddings Embeddings) a, (ReferenceImage Reference, DinoImageEmbeddings Embeddings) b)
        {
            string x = a.Reference.AssetSha256, y = b.Reference.AssetSha256;
            if (CalibrationSampler.SameImage(a.Reference, b.Reference) || !_seen.Add(string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x)))
            {
                return;
            }

            Whole.Add(ClipMetrics.Cosine(a.Embeddings.Whole, b.Embeddings.Whole));
            Crop.Add(ClipMetrics.Cosine(a.Embeddings.Crop, b.Embeddings.Crop));
        }
    }
}
