using Likeness.Core.Characters;
using Likeness.Core.Scoring;
using Likeness.Core.Studies.Calibration;
using Likeness.Core.Videos.Drift;
using Likeness.Media.Decoding;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>
/// Follows a character through a clip: frames streamed from FFmpeg at a fixed rate, each face described by the
/// face engine and compared with the character's references (the largest face's mean distance, as shots are
/// scored) and with every other cast member's (a face closer to someone else is that someone), then judged
/// against the character's calibrated threshold (<see cref="IdentityDrift"/>). One frame is in memory at a time.
/// </summary>
public sealed class VideoIdentityScorer(CharacterCatalog characters, FaceEngineSource engines, VideoFrameReader frames)
{
    /// <summary>Scores <paramref name="clip"/> for <paramref name="characterName"/>; <paramref name="progress"/> gets the frames done.</summary>
    /// <exception cref="InvalidVideoException">The clip cannot be used.</exception>
    /// <exception cref="InvalidOperationException">No face engine is installed.</exception>
    public async Task<VideoIdentityReport> ScoreAsync(
        string clip, string characterName, VideoScoreOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Character character = await characters.GetAsync(characterName, cancellationToken).ConfigureAwait(false);
        VideoInfo info = await frames.ProbeAsync(clip, cancellationToken).ConfigureAwait(false);
        IFaceAnalyzer faces = engines.Engine ?? throw new InvalidOperationException("Scoring a video needs the face engine (models/faceapi), which is not installed.");
        CastFaces cast = await CastFaces.LoadAsync(characters, character, faces.Name, cancellationToken).ConfigureAwait(false);
        (double? threshold, ThresholdCalibration? calibration, string source) = await CharacterThreshold.ResolveAsync(characters, faces, character, options.Threshold, options.TargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);

        var seen = new List<FrameIdentity>();
        await foreach (VideoFrame frame in frames.ReadAsync(clip, FrameSampling.AtRate(options.FramesPerSecond), options.MaxSide, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                seen.Add(cast.Judge(frame.Time, faces.Analyze(frame.Image, cancellationToken)));
            }

            progress?.Report(seen.Count);
        }

        return new VideoIdentityReport
        {
            Clip = Path.GetFileName(clip),
            Video = info,
            Character = character.Name,
            FaceAnalyzer = faces.Name,
            FramesPerSecond = options.FramesPerSecond,
            Calibration = calibration,
            ThresholdSource = source,
            Drift = IdentityDrift.Analyze(seen, new DriftOptions { Threshold = threshold, MinBreak = options.MinBreak }),
        };
    }
}
