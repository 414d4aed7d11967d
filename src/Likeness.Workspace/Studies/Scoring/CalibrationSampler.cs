using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Studies;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>
/// Collects the distances the identity threshold is calibrated on, from the face descriptors stored with the
/// references: genuine pairs are two references of one study character; impostor pairs are a study character's
/// reference against a reference of any other workspace character. Those other characters are exactly the
/// sim's distractor identities (<see cref="WorkspaceDistractors"/>) and the other characters of the study.
/// </summary>
public static class CalibrationSampler
{
    /// <summary>The samples, or null without a face engine.</summary>
    public static async Task<CalibrationSamples?> CollectAsync(LikenessWorkspace workspace, IReadOnlyList<Character> studyCharacters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(studyCharacters);
        if (workspace.Faces is not { } faces)
        {
            return null;
        }

        var descriptors = new Dictionary<Guid, List<IReadOnlyList<float>>>();
        foreach (Character character in await workspace.Characters.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ReferenceImage> references = await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
            descriptors[character.Id] = [.. references
                .Where(r => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == faces.Name && a.Descriptor.Count > 0)
                .Select(r => r.Analysis!.Descriptor)];
        }

        var genuine = new List<double>();
        var impostor = new List<double>();
        var study = studyCharacters.Select(c => c.Id).ToHashSet();
        var counted = new HashSet<(Guid, Guid)>();
        foreach (Guid id in study.Where(descriptors.ContainsKey))
        {
            List<IReadOnlyList<float>> own = descriptors[id];
            for (int i = 0; i < own.Count; i++)
            {
                for (int j = i + 1; j < own.Count; j++)
                {
                    genuine.Add(FaceDistance.Between(own[i], own[j]));
                }
            }

            // Each unordered pair of characters once, so two study characters are not counted twice.
            foreach (var (other, theirs) in descriptors.Where(d => d.Key != id))
            {
                if (!counted.Add(id.CompareTo(other) < 0 ? (id, other) : (other, id)))
                {
                    continue;
                }

                impostor.AddRange(own.SelectMany(a => theirs.Select(b => FaceDistance.Between(a, b))));
            }
        }

        return new CalibrationSamples(faces.Name, genuine, impostor);
    }
}
