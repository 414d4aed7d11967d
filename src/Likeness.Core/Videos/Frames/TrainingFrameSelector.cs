using Likeness.Core.References;
using Likeness.Core.Videos.Drift;

namespace Likeness.Core.Videos.Frames;

/// <summary>
/// Picks a training set from a clip's sampled frames: only frames whose face is the character (within the threshold,
/// and no closer to another cast member), large, sharp and well exposed; near-duplicates dropped (the better frame
/// stays); then the set filled round-robin over pose and lighting bands, best frame first in each, so a clip that
/// lingers on one view gives one or two of it and every other view it has.
/// </summary>
public static class TrainingFrameSelector
{
    /// <summary>The selection for <paramref name="frames"/>.</summary>
    public static FrameSelection Select(IReadOnlyList<FrameCandidate> frames, FrameSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rejected = new List<(FrameCandidate, FrameRejection)>();
        var usable = new List<FrameCandidate>();
        foreach (FrameCandidate frame in frames)
        {
            if (IdentityProblem(frame, options) is { } reason)
            {
                rejected.Add((frame, reason));
            }
            else
            {
                usable.Add(frame);
            }
        }

        double[] sharpness = [.. usable.Select(f => f.Sharpness).Order()];
        double median = sharpness.Length == 0 ? 0 : sharpness[sharpness.Length / 2];
        var pool = new List<FrameCandidate>();
        foreach (FrameCandidate frame in usable.OrderByDescending(f => Quality(f, options, median)))
        {
            FrameRejection? reason =
                frame.Sharpness < options.MinRelativeSharpness * median ? FrameRejection.Blurry
                : pool.Exists(k => ImageFingerprint.Distance(k.Fingerprint, frame.Fingerprint) <= options.DuplicateBits) ? FrameRejection.Duplicate
                : null;
            if (reason is { } r)
            {
                rejected.Add((frame, r));
            }
            else
            {
                pool.Add(frame);
            }
        }

        List<FrameCandidate> chosen = RoundRobin(pool, options.Max);
        rejected.AddRange(pool.Except(chosen).Select(f => (f, FrameRejection.NotChosen)));
        return new FrameSelection([.. chosen.OrderBy(f => f.Time)], [.. rejected.OrderBy(r => r.Item1.Time)]);
    }

    private static FrameRejection? IdentityProblem(FrameCandidate frame, FrameSelectionOptions options)
    {
        FrameIdentity id = frame.Identity;
        return IdentityDrift.VerdictOf(id, options.Threshold) switch
        {
            FrameVerdict.NoFace => FrameRejection.NoFace,
            FrameVerdict.OtherCharacter => FrameRejection.OtherCharacter,
            FrameVerdict.Drifted => FrameRejection.NotTheCharacter,
            _ when frame.FaceHeightFraction < options.MinFaceHeightFraction => FrameRejection.FaceTooSmall,
            _ when frame.MeanLuma < options.Exposure.Min || frame.MeanLuma > options.Exposure.Max || frame.ClippedFraction > options.Exposure.Clipped => FrameRejection.BadExposure,
            _ => null,
        };
    }

    /// <summary>Closer to the character and sharper is better; both scaled to about 0..1.</summary>
    private static double Quality(FrameCandidate frame, FrameSelectionOptions options, double medianSharpness) =>
        (1 - (frame.Identity.Distance!.Value / options.Threshold)) + Math.Min(1, frame.Sharpness / Math.Max(1e-9, 2 * medianSharpness));

    /// <summary>Takes the best remaining frame of the least-represented band until <paramref name="max"/> are chosen (the pool is in quality order).</summary>
    private static List<FrameCandidate> RoundRobin(List<FrameCandidate> pool, int max)
    {
        var bands = pool.GroupBy(f => (f.PoseLabel, f.LightLabel)).Select(g => new Queue<FrameCandidate>(g)).ToList();
        var chosen = new List<FrameCandidate>();
        while (chosen.Count < max && bands.Exists(b => b.Count > 0))
        {
            foreach (Queue<FrameCandidate> band in bands.Where(b => b.Count > 0).ToList())
            {
                if (chosen.Count == max)
                {
                    break;
                }

                chosen.Add(band.Dequeue());
            }
        }

        return chosen;
    }
}
