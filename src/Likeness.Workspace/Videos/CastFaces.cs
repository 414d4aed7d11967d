using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Videos.Drift;
using Likeness.Workspace.Characters;

namespace Likeness.Workspace.Videos;

/// <summary>
/// The character's and every other cast member's reference descriptors from one face engine, and the judgement of a
/// frame's faces against them: the largest face's mean distance to the character (as shots are scored), and the face
/// closest to another cast member when it is closer to them than to the character.
/// </summary>
internal sealed class CastFaces(IReadOnlyList<IReadOnlyList<float>> own, IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<float>> Faces)> others)
{
    public static async Task<CastFaces> LoadAsync(CharacterCatalog characters, Character character, string analyzer, CancellationToken cancellationToken)
    {
        var others = new List<(string, IReadOnlyList<IReadOnlyList<float>>)>();
        IReadOnlyList<float>[] own = [];
        foreach (Character c in await characters.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<float>[] descriptors = [.. references.Where(r => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == analyzer && a.Descriptor.Count > 0).Select(r => r.Analysis!.Descriptor)];
            if (c.Id == character.Id)
            {
                own = descriptors;
            }
            else if (descriptors.Length > 0)
            {
                others.Add((c.Name, descriptors));
            }
        }

        return own.Length > 0
            ? new CastFaces(own, others)
            : throw new RuleViolationException($"{character.Name} has no reference with a face described by {analyzer}, so there is nothing to compare the clip with.");
    }

    public FrameIdentity Judge(TimeSpan time, IReadOnlyList<FaceObservation> found)
    {
        FaceObservation? largest = FaceDistance.Largest(found);
        if (largest is null)
        {
            return new FrameIdentity(time, false, null);
        }

        // The face most like another cast member than like the character, if any.
        (string Name, double Distance)? other = null;
        foreach (FaceObservation face in found)
        {
            double mine = Mean(face.Descriptor, own);
            foreach (var (name, theirs) in others)
            {
                double d = Mean(face.Descriptor, theirs);
                if (d < mine && (other is null || d < other.Value.Distance))
                {
                    other = (name, d);
                }
            }
        }

        return new FrameIdentity(time, true, Mean(largest.Descriptor, own), other?.Name, other?.Distance);
    }

    private static double Mean(IReadOnlyList<float> face, IReadOnlyList<IReadOnlyList<float>> references) =>
        references.Average(r => FaceDistance.Between(face, r));
}
