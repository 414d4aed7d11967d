using Likeness.Core.Assets;
using Likeness.Core.Gates;
using Likeness.Core.Gates.Bleed;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Studies.Scoring;

namespace Likeness.Workspace.Gates;

/// <summary>
/// Measures a made shot against a character's calibration and rules on it (<see cref="VerdictRules"/>): the face
/// distance the shot runner already scored (re-scored when another engine made it), or the CLIP-I distance for
/// the whole-image fallback, and the copy-paste check against the character's references.
/// </summary>
public sealed class ShotJudge(IAssetStore assets, FaceEngineSource faces, ClipEngineSource clip)
{
    /// <summary>The verdict on <paramref name="shot"/>.</summary>
    public async Task<ShotVerdict> JudgeAsync(Shot shot, GateSubject subject, CharacterCalibration calibration, Guid? capId, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shot);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(calibration);
        double threshold = calibration.Threshold ?? throw new InvalidOperationException("The gate judges only with a usable calibration.");
        if (shot.Status != ShotStatus.Succeeded || shot.Assets.Count == 0)
        {
            return VerdictRules.Judge(shot, [], false, null, capId, attempt);
        }

        byte[] bytes = await assets.ReadAllBytesAsync(shot.Assets[0], cancellationToken).ConfigureAwait(false);
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        var copy = CopyPasteGuard.Check(CopyPasteGuard.Fingerprints(decoded.Image), [.. subject.OwnReferences.Select(r => r.Fingerprint)]);
        double? distance = subject.Metric switch
        {
            GateMetrics.Face => FaceDistance(shot, bytes, subject, cancellationToken),
            GateMetrics.ClipImage when clip.Engine is { } engine && engine.Name == subject.Model =>
                EmbeddingDistance.Mean(GateMetrics.ClipImage, engine.EmbedImage(decoded.Image), subject.Own),
            _ => null,
        };
        MetricCheck check = new(subject.Metric, subject.Model, distance, threshold, calibration.Id, calibration.Version);
        return VerdictRules.Judge(shot, [check], copy?.Copy == true, copy?.Similarity, capId, attempt);
    }

    /// <summary>
    /// The verdict on a multi-character shot: every face found is matched to the calibrated cast
    /// (<see cref="BleedRules"/>); each expected character's check is the distance of the face matched to it (none
    /// when it is missing), and the shot bleeds when a character shows twice, one is missing or a face is ambiguous.
    /// </summary>
    public async Task<ShotVerdict> JudgeCastAsync(
        Shot shot, IReadOnlyList<CastCalibration> expected, IReadOnlyList<CastCalibration> cast, double margin, Guid? capId, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shot);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(cast);
        if (shot.Status != ShotStatus.Succeeded || shot.Assets.Count == 0)
        {
            return VerdictRules.Judge(shot, [], false, null, capId, attempt);
        }

        IFaceAnalyzer engine = faces.Engine ?? throw new InvalidOperationException("A multi-character shot is judged by the face engine.");
        byte[] bytes = await assets.ReadAllBytesAsync(shot.Assets[0], cancellationToken).ConfigureAwait(false);
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        var copy = CopyPasteGuard.Check(
            CopyPasteGuard.Fingerprints(decoded.Image), [.. expected.SelectMany(m => m.Subject.OwnReferences).Select(r => r.Fingerprint)]);
        var found = engine.Analyze(decoded.Image, cancellationToken).OrderByDescending(f => f.Box.Area).ToList();
        var distances = found.Select(f => (IReadOnlyList<CastDistance>)[.. cast.Select(m => new CastDistance(
            m.Character.Id, m.Character.Name, EmbeddingDistance.Mean(GateMetrics.Face, f.Descriptor, m.Subject.Own), m.Threshold, m.Calibration.Id, m.Calibration.Version))]).ToList();
        BleedCheck bleed = BleedRules.Check(distances, [.. expected.Select(m => m.Character.Id)], margin);
        var checks = expected.Select(m => new MetricCheck(
            GateMetrics.Face, m.Subject.Model,
            bleed.Faces.FirstOrDefault(f => f.CharacterId == m.Character.Id)?.Distances.First(d => d.CharacterId == m.Character.Id).Distance,
            m.Threshold, m.Calibration.Id, m.Calibration.Version)).ToList();
        return VerdictRules.Judge(shot, checks, copy?.Copy == true, copy?.Similarity, capId, attempt, bleed);
    }

    /// <summary>The shot's mean face distance by the calibration's engine; null when it shows no face.</summary>
    private double? FaceDistance(Shot shot, byte[] bytes, GateSubject subject, CancellationToken cancellationToken)
    {
        if (shot.Scores.FaceAnalyzer == subject.Model && shot.Scores.FaceDetected is { } detected)
        {
            return detected ? shot.Scores.FaceDistanceMean : null;
        }

        // Scored by another engine, or not at all (made before one was installed): score it now.
        ShotScores scores = new ShotScorer(faces.Engine).Score(bytes, subject.OwnReferences, cancellationToken);
        return scores.FaceAnalyzer == subject.Model && scores.FaceDetected == true ? scores.FaceDistanceMean : null;
    }
}
