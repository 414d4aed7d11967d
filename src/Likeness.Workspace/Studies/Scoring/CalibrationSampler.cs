using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Calibration;
using Likeness.Workspace.Characters;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>
/// Collects the distances the identity threshold is calibrated on, from the face descriptors stored with the
/// references: genuine pairs are two references of one study character; impostor pairs are a study character's
/// reference against a reference of any other character of the study's project. Those other characters are exactly
/// the sim's distractor identities (<see cref="WorkspaceDistractors"/>) and the other characters of the study.
/// Two images that are the same (SHA-256) or near-identical (difference hash within
/// <see cref="ImageFingerprint.NearDuplicateBits"/> bits) are never a pair; an image two characters share is left
/// out of their impostor pairs and recorded as an overlap, which makes the calibration refuse. Each pair of files
/// counts once, however many characters hold them.
/// </summary>
public static class CalibrationSampler
{
    /// <summary>
    /// The project whose characters are the impostors: the study characters' own when they share one (always, for a
    /// study the server runs), so no other project's references reach a study; null (every character) otherwise.
    /// </summary>
    internal static Guid? ProjectOf(IReadOnlyList<Character> studyCharacters) =>
        studyCharacters.Select(c => c.ProjectId).Distinct().Count() == 1 ? studyCharacters[0].ProjectId : null;

    /// <summary>The samples, or null without a face engine.</summary>
    public static async Task<CalibrationSamples?> CollectAsync(
        CharacterCatalog characters, IFaceAnalyzer? faces, IReadOnlyList<Character> studyCharacters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(characters);
        ArgumentNullException.ThrowIfNull(studyCharacters);
        if (faces is null)
        {
            return null;
        }

        var references = new Dictionary<Guid, (string Name, List<ReferenceImage> Faces)>();
        foreach (Character character in await characters.ListAsync(ProjectOf(studyCharacters), cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ReferenceImage> all = await characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
            references[character.Id] = (character.Name, [.. all.Where(r => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == faces.Name && a.Descriptor.Count > 0)]);
        }

        var genuine = new List<double>();
        var impostor = new List<double>();
        var overlaps = new List<CalibrationOverlap>();
        var paired = new HashSet<(string, string)>();
        var overlapping = new HashSet<(string, string)>();
        foreach (Guid id in studyCharacters.Select(c => c.Id).Distinct().Where(references.ContainsKey))
        {
            var (name, own) = references[id];
            for (int i = 0; i < own.Count; i++)
            {
                for (int j = i + 1; j < own.Count; j++)
                {
                    AddPair(own[i], own[j], genuine, paired);
                }
            }

            foreach (var (otherName, theirs) in references.Where(r => r.Key != id).Select(r => r.Value))
            {
                List<(ReferenceImage Mine, ReferenceImage Theirs)> shared = [.. own.SelectMany(a => theirs.Where(b => SameImage(a, b)).Select(b => (a, b)))];
                // When both characters are in the study, the pair is met from each side: report it once.
                overlaps.AddRange(shared.Where(s => overlapping.Add(Unordered(s.Mine.AssetSha256, s.Theirs.AssetSha256)))
                    .Select(s => new CalibrationOverlap(name, otherName, s.Mine.FileName, s.Theirs.FileName)));
                foreach (ReferenceImage a in own.Where(a => !shared.Exists(s => s.Mine == a)))
                {
                    foreach (ReferenceImage b in theirs.Where(b => !shared.Exists(s => s.Theirs == b)))
                    {
                        AddPair(a, b, impostor, paired);
                    }
                }
            }
        }

        return new CalibrationSamples(faces.Name, genuine, impostor) { Overlaps = overlaps };
    }

    /// <summary>The same file, or near-identical by the difference hash the reference check stored.</summary>
    internal static bool SameImage(ReferenceImage a, ReferenceImage b) =>
        a.AssetSha256 == b.AssetSha256 || ImageFingerprint.Distance(a.Fingerprint, b.Fingerprint) <= ImageFingerprint.NearDuplicateBits;

    private static void AddPair(ReferenceImage a, ReferenceImage b, List<double> distances, HashSet<(string, string)> paired)
    {
        if (!SameImage(a, b) && paired.Add(Unordered(a.AssetSha256, b.AssetSha256)))
        {
            distances.Add(FaceDistance.Between(a.Analysis!.Descriptor, b.Analysis!.Descriptor));
        }
    }

    /// <summary>A pair of files as one key, whichever side it is met from.</summary>
    private static (string, string) Unordered(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}
