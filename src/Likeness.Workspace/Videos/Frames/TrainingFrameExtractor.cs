using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Videos.Drift;
using Likeness.Core.Videos.Frames;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Statistics;
using Likeness.Media.Decoding;

namespace Likeness.Workspace.Videos.Frames;

/// <summary>
/// Seed 003's first step, "extract frames from winning clips featuring the character": every sampled frame is
/// measured (face, its size, sharpness and exposure, identity against the character and the cast, head turn, a
/// difference hash), <see cref="TrainingFrameSelector"/> picks the set, and <see cref="AddAsync"/> makes the chosen
/// frames references through the normal reference checks, with the clip and time in their names. Only frames that
/// show the character keep a full-size JPEG in memory; the rest keep a thumbnail for the contact sheet.
/// </summary>
public sealed class TrainingFrameExtractor(LikenessWorkspace workspace, VideoFrameReader frames)
{
    private const int ThumbnailSide = 192;

    /// <summary>Measures <paramref name="clip"/> for <paramref name="characterName"/> and selects a training set.</summary>
    /// <exception cref="InvalidVideoException">The clip cannot be used.</exception>
    /// <exception cref="RuleViolationException">No threshold can be calibrated and none was given, or the character has no described reference.</exception>
    public async Task<FrameExtraction> ExtractAsync(string clip, string characterName, FrameExtractOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Character character = await workspace.Characters.GetAsync(characterName, cancellationToken).ConfigureAwait(false);
        VideoInfo _ = await frames.ProbeAsync(clip, cancellationToken).ConfigureAwait(false);
        IFaceAnalyzer faces = workspace.Faces ?? throw new InvalidOperationException("Extracting frames needs the face engine (models/faceapi), which is not installed.");
        CastFaces cast = await CastFaces.LoadAsync(workspace.Characters, character, faces.Name, cancellationToken).ConfigureAwait(false);
        var (threshold, _, source) = await CharacterThreshold.ResolveAsync(workspace.Characters, faces, character, options.Threshold, options.TargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
        double tau = threshold ?? throw new RuleViolationException($"Frames cannot be judged for {character.Name}: the identity threshold is {source}. Give one with --threshold.");
        var selection = new FrameSelectionOptions { Threshold = tau, Max = options.Max };
        selection.Validate();

        var extracted = new List<ExtractedFrame>();
        await foreach (VideoFrame frame in frames.ReadAsync(clip, FrameSampling.AtRate(options.FramesPerSecond), options.MaxSide, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                IReadOnlyList<FaceObservation> found = faces.Analyze(frame.Image, cancellationToken);
                FrameCandidate candidate = Measure(frame, cast.Judge(frame.Time, found), FaceDistance.Largest(found));
                bool showsCharacter = IdentityDrift.VerdictOf(candidate.Identity, tau) == FrameVerdict.Kept;
                extracted.Add(new ExtractedFrame(candidate, Thumbnail(frame.Image), showsCharacter ? ImageEncoder.EncodeToBytes(frame.Image, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = 95 }) : null));
            }
        }

        return new FrameExtraction
        {
            Clip = Path.GetFileName(clip),
            Character = character.Name,
            Threshold = tau,
            ThresholdSource = source,
            Frames = extracted,
            Selection = TrainingFrameSelector.Select([.. extracted.Select(e => e.Candidate)], selection),
        };
    }

    /// <summary>Adds the chosen frames as references (all checked first; nothing is added when any is refused) and returns the check.</summary>
    public async Task<ReferenceCheckReport> AddAsync(FrameExtraction extraction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        Character character = await workspace.Characters.GetAsync(extraction.Character, cancellationToken).ConfigureAwait(false);
        ReferenceCandidate[] candidates = [.. extraction.Selection.Chosen.Select(c => new ReferenceCandidate(
            ReferenceName(extraction.Clip, c.Time), extraction.Of(c).Full!.Value, RoleOf(c)))];
        return (await workspace.Characters.AddReferencesAsync(character, candidates, cancellationToken: cancellationToken).ConfigureAwait(false)).Report;
    }

    /// <summary>The reference file name that records where a frame came from: "clip.mp4@12.50s.jpg".</summary>
    public static string ReferenceName(string clip, TimeSpan time) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Path.GetFileName(clip)}@{time.TotalSeconds:0.00}s.jpg");

    private static ReferenceRole RoleOf(FrameCandidate frame) => frame.Turn is not { } t ? ReferenceRole.Other : HeadPoses.Of(t) switch
    {
        HeadPose.Frontal => ReferenceRole.Frontal,
        HeadPose.ThreeQuarter => ReferenceRole.ThreeQuarter,
        _ => ReferenceRole.Profile,
    };

    private static FrameCandidate Measure(VideoFrame frame, FrameIdentity identity, FaceObservation? face)
    {
        Image image = frame.Image;
        var candidate = new FrameCandidate { Time = frame.Time, Identity = identity, Fingerprint = ImageFingerprint.Compute(image) };
        if (face is null)
        {
            return candidate;
        }

        FaceBox box = face.Box;
        RegionStatistics stats = RegionStatistics.Measure(image, (int)box.X, (int)box.Y, Math.Max(3, (int)box.Width), Math.Max(3, (int)box.Height));
        return candidate with
        {
            FaceHeightFraction = box.Height / image.Height,
            Sharpness = stats.Sharpness,
            MeanLuma = stats.MeanLuma,
            ClippedFraction = stats.ClippedFraction,
            Turn = HeadPoses.Turn(face.Landmarks),
        };
    }

    private static byte[] Thumbnail(Image image)
    {
        double k = (double)ThumbnailSide / Math.Max(image.Width, image.Height);
        using Image small = Resampler.Resize(image, Math.Max(1, (int)Math.Round(image.Width * k)), Math.Max(1, (int)Math.Round(image.Height * k)), ResampleFilter.Bicubic);
        return ImageEncoder.EncodeToBytes(small, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = 80 });
    }
}
