using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Studies.Calibration;
using Likeness.Core.Videos.Drift;
using Likeness.Media.Decoding;
using Likeness.Workspace.Studies.Scoring;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>
/// Follows a character through a clip: frames streamed from FFmpeg at a fixed rate, each face described by the
/// face engine and compared with the character's references (the largest face's mean distance, as shots are
/// scored) and with every other cast member's (a face closer to someone else is that someone), then judged
/// against the character's calibrated threshold (<see cref="IdentityDrift"/>). One frame is in memory at a time.
/// </summary>
public sealed class VideoIdentityScorer(LikenessWorkspace workspace, VideoFrameReader frames)
{
    /// <summary>Scores <paramref name="clip"/> for <paramref name="characterName"/>; <paramref name="progress"/> gets the frames done.</summary>
    /// <exception cref="InvalidVideoException">The clip cannot be used.</exception>
    /// <exception cref="InvalidOperationException">No face engine is installed.</exception>
    public async Task<VideoIdentityReport> ScoreAsync(
        string clip, string characterName, VideoScoreOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threshold is { } given && (!double.IsFinite(given) || given <= 0))
        {
            throw new ArgumentException($"The threshold must be a positive face distance (got {given}).");
        }

        Character character = await workspace.Characters.GetAsync(characterName, cancellationToken).ConfigureAwait(false);
        VideoInfo info = await frames.ProbeAsync(clip, cancellationToken).ConfigureAwait(false);
        IFaceAnalyzer faces = workspace.Faces ?? throw new InvalidOperationException("Scoring a video needs the face engine (models/faceapi), which is not installed.");
        CastDescriptors cast = await CastDescriptors.LoadAsync(workspace, character, faces.Name, cancellationToken).ConfigureAwait(false);
        (double? threshold, ThresholdCalibration? calibration, string source) = await ThresholdAsync(character, options, cancellationToken).ConfigureAwait(false);

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

    private async Task<(double? Threshold, ThresholdCalibration? Calibration, string Source)> ThresholdAsync(Character character, VideoScoreOptions options, CancellationToken cancellationToken)
    {
        if (options.Threshold is { } given)
        {
            return (given, null, "given");
        }

        var samples = await CalibrationSampler.CollectAsync(workspace, [character], cancellationToken).ConfigureAwait(false);
        ThresholdCalibration calibration = ThresholdCalibrator.Calibrate(samples, options.TargetFalseAcceptRate);
        return calibration.Calibrated
            ? (calibration.Threshold, calibration, "calibrated")
            : (null, calibration, "not calibrated: " + calibration.Reason);
    }

    /// <summary>The character's and the other cast members' reference descriptors from one engine.</summary>
    private sealed class CastDescriptors(IReadOnlyList<IReadOnlyList<float>> own, IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<float>> Faces)> others)
    {
        public static async Task<CastDescriptors> LoadAsync(LikenessWorkspace workspace, Character character, string analyzer, CancellationToken cancellationToken)
        {
            var others = new List<(string, IReadOnlyList<IReadOnlyList<float>>)>();
            IReadOnlyList<float>[] own = [];
            foreach (Character c in await workspace.Characters.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                IReadOnlyList<ReferenceImage> references = await workspace.Characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false);
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
                ? new CastDescriptors(own, others)
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
}
