using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.References;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Gates;

/// <summary>
/// Each character's stored, versioned gate calibration. The metric is the face distance when the face engine finds
/// faces in the character's references, else CLIP-I when a CLIP model is installed (and the calibration says so);
/// with neither the gate cannot judge and refuses. The current calibration is reused while the references it was
/// computed from (the character's and the cast's, by id) and the distractor set are unchanged; otherwise a new
/// version is computed and stored.
/// </summary>
public sealed class CalibrationBook(
    IDbContextFactory<LikenessDbContext> database, CharacterCatalog characters, ClipImageEmbeddings clipEmbeddings,
    FaceEngineSource faces, ClipEngineSource clip, DistractorSet distractors, TimeProvider time)
{
    /// <summary>The default target false-accept rate: 1 %, evaluation.md §3.5 A.</summary>
    public const double DefaultTargetFalseAcceptRate = 0.01;

    /// <summary>What <paramref name="character"/>'s shots are judged against; throws when no engine can judge them.</summary>
    public async Task<GateSubject> SubjectAsync(Character character, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        var all = new List<(Character Character, IReadOnlyList<ReferenceImage> References)>();
        // The impostors are the character's own project's cast: no other project's references reach its calibration.
        foreach (Character c in await characters.ListAsync(character.ProjectId, cancellationToken).ConfigureAwait(false))
        {
            all.Add((c, await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false)));
        }

        IReadOnlyList<ReferenceImage> own = all.Single(a => a.Character.Id == character.Id).References;
        var others = all.Where(a => a.Character.Id != character.Id).SelectMany(a => a.References).ToList();
        if (faces.Engine is { } engine && own.Any(r => HasFace(r, engine.Name)))
        {
            List<ReferenceImage> mine = [.. own.Where(r => HasFace(r, engine.Name))];
            List<ReferenceImage> theirs = [.. others.Where(r => HasFace(r, engine.Name))];
            return new GateSubject(GateMetrics.Face, engine.Name, [.. mine.Select(r => r.Analysis!.Descriptor)], [.. theirs.Select(r => r.Analysis!.Descriptor)],
                [.. mine.Concat(theirs).Select(r => r.Id)], own, null);
        }

        if (clip.Engine is not { } model)
        {
            throw new RuleViolationException(
                $"The gate cannot judge {character.Name}: {(faces.Engine is null ? "no face engine is loaded" : "no face was found in its references")} and no CLIP model is installed for the whole-image fallback.")
            { Character = character.Name };
        }

        var embedded = new List<IReadOnlyList<float>>();
        foreach (ReferenceImage r in own)
        {
            embedded.Add(await clipEmbeddings.OfAsync(model, r.AssetSha256, cancellationToken).ConfigureAwait(false));
        }

        var cast = new List<IReadOnlyList<float>>();
        foreach (ReferenceImage r in others)
        {
            cast.Add(await clipEmbeddings.OfAsync(model, r.AssetSha256, cancellationToken).ConfigureAwait(false));
        }

        string why = faces.Engine is null ? "no face engine is loaded" : "no face was found in its references";
        return new GateSubject(GateMetrics.ClipImage, model.Name, embedded, cast, [.. own.Concat(others).Select(r => r.Id)], own,
            $"{why}: judged by whole-image CLIP-I ({model.Name}) with its own calibration");
    }

    /// <summary>
    /// The calibration in force for <paramref name="subject"/> at <paramref name="targetFalseAcceptRate"/>: the
    /// latest stored version when it was computed from the same references, distractors and target; else a new version.
    /// </summary>
    public async Task<CharacterCalibration> CurrentAsync(Character character, GateSubject subject, double targetFalseAcceptRate = DefaultTargetFalseAcceptRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(subject);
        IReadOnlyList<IReadOnlyList<float>> distracting = distractors.For(subject.Metric, subject.Model, cancellationToken);
        string fingerprint = CalibrationFingerprint.Of(subject.Metric, $"{subject.Model}|{distracting.Count}", subject.ReferenceIds);
        while (true)
        {
            CharacterCalibration? latest = await LatestAsync(character.Id, subject.Metric, cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.ReferenceFingerprint == fingerprint && latest.TargetFalseAcceptRate.Equals(targetFalseAcceptRate))
            {
                return latest;
            }

            var (calibration, warnings) = CharacterCalibrator.Calibrate(new CalibrationInputs(subject.Metric, subject.Model, subject.Own, subject.Cast, distracting), targetFalseAcceptRate);
            CharacterCalibration made = CharacterCalibration.Create(
                character.Id, subject.Metric, subject.Model, (latest?.Version ?? 0) + 1, fingerprint, distracting.Count, calibration, warnings, time);
            try
            {
                await using LikenessDbContext db = database.CreateDbContext();
                db.Calibrations.Add(made);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return made;
            }
            catch (DbUpdateException)
            {
                // Another process stored this version first (unique per character, metric and version): read it again.
            }
        }
    }

    /// <summary>Every stored version for a character, newest first.</summary>
    public async Task<IReadOnlyList<CharacterCalibration>> HistoryAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        List<CharacterCalibration> all = await db.Calibrations.AsNoTracking().Where(c => c.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Version)];
    }

    private static bool HasFace(ReferenceImage r, string analyzer) => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == analyzer && a.Descriptor.Count > 0;

    private async Task<CharacterCalibration?> LatestAsync(Guid characterId, string metric, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Calibrations.AsNoTracking().Where(c => c.CharacterId == characterId && c.Metric == metric)
            .OrderByDescending(c => c.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
