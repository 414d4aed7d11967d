using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Videos.Drift;

/// <summary>
/// Judges a clip's sampled frames against the character's threshold and finds where its identity breaks: runs
/// of frames whose face drifted past the threshold, or where another cast member appears, lasting at least
/// <see cref="DriftOptions.MinBreak"/>. Frames without a face are gaps, never breaks: a cut-away is not drift.
/// </summary>
public static class IdentityDrift
{
    /// <summary>The report for <paramref name="frames"/> (in time order).</summary>
    public static DriftReport Analyze(IReadOnlyList<FrameIdentity> frames, DriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        FrameVerdict?[] verdicts = [.. frames.Select(f => VerdictOf(f, options.Threshold))];
        double?[] medians = RollingMedians(frames, options.RollingWindow);
        DriftPoint[] points = [.. frames.Select((f, i) => new DriftPoint(f, verdicts[i], medians[i]))];
        double[] distances = [.. frames.Where(f => f.Distance is not null).Select(f => f.Distance!.Value)];
        double[] sorted = [.. distances.Order()];
        List<DriftSegment> runs = Runs(frames, verdicts);
        int judged = verdicts.Count(v => v is FrameVerdict.Kept or FrameVerdict.Drifted or FrameVerdict.OtherCharacter);
        return new DriftReport
        {
            Threshold = options.Threshold,
            Frames = frames.Count,
            FacesFound = frames.Count(f => f.FaceFound),
            KeptRate = judged == 0 ? null : (double)verdicts.Count(v => v == FrameVerdict.Kept) / judged,
            MeanDistance = distances.Length == 0 ? null : distances.Average(),
            MedianDistance = sorted.Length == 0 ? null : Quantile.OfSorted(sorted, 0.5),
            Points = points,
            Breaks = [.. runs.Where(r => r.Verdict is FrameVerdict.Drifted or FrameVerdict.OtherCharacter && r.Duration >= options.MinBreak)],
            Gaps = [.. runs.Where(r => r.Verdict == FrameVerdict.NoFace && r.Duration >= options.MinBreak)],
            Worst = [.. points.Where(p => p.Frame.Distance is not null).OrderByDescending(p => p.Frame.Distance).Take(options.WorstFrames)],
        };
    }

    /// <summary>One frame's verdict; without a threshold only "no face" can be said.</summary>
    public static FrameVerdict? VerdictOf(FrameIdentity frame, double? threshold)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.FaceFound)
        {
            return FrameVerdict.NoFace;
        }

        if (threshold is not { } t)
        {
            return null;
        }

        if (frame.OtherCharacter is not null && frame.OtherDistance <= t)
        {
            return FrameVerdict.OtherCharacter;
        }

        return frame.Distance <= t ? FrameVerdict.Kept : FrameVerdict.Drifted;
    }

    /// <summary>Maximal runs of one non-kept verdict (and one other character), each ending where the next sampled frame starts.</summary>
    private static List<DriftSegment> Runs(IReadOnlyList<FrameIdentity> frames, FrameVerdict?[] verdicts)
    {
        var runs = new List<DriftSegment>();
        TimeSpan interval = TypicalInterval(frames);
        int start = 0;
        for (int i = 1; i <= frames.Count; i++)
        {
            bool continues = i < frames.Count && verdicts[i] == verdicts[start]
                && (verdicts[i] != FrameVerdict.OtherCharacter || frames[i].OtherCharacter == frames[start].OtherCharacter);
            if (continues)
            {
                continue;
            }

            if (verdicts[start] is { } verdict && verdict != FrameVerdict.Kept)
            {
                TimeSpan end = i < frames.Count ? frames[i].Time : frames[i - 1].Time + interval;
                runs.Add(new DriftSegment(verdict, frames[start].Time, end, i - start, verdict == FrameVerdict.OtherCharacter ? frames[start].OtherCharacter : null));
            }

            start = i;
        }

        return runs;
    }

    /// <summary>The median gap between sampled frames (how long the last frame stands for).</summary>
    private static TimeSpan TypicalInterval(IReadOnlyList<FrameIdentity> frames)
    {
        if (frames.Count < 2)
        {
            return TimeSpan.Zero;
        }

        double[] gaps = [.. Enumerable.Range(1, frames.Count - 1).Select(i => (frames[i].Time - frames[i - 1].Time).TotalSeconds).Order()];
        return TimeSpan.FromSeconds(Quantile.OfSorted(gaps, 0.5));
    }

    /// <summary>The median of the distances of up to <paramref name="window"/> frames with a face centred on each such frame.</summary>
    private static double?[] RollingMedians(IReadOnlyList<FrameIdentity> frames, int window)
    {
        int[] faced = [.. Enumerable.Range(0, frames.Count).Where(i => frames[i].Distance is not null)];
        var medians = new double?[frames.Count];
        int half = window / 2;
        for (int k = 0; k < faced.Length; k++)
        {
            double[] around = [.. faced[Math.Max(0, k - half)..Math.Min(faced.Length, k + half + 1)].Select(i => frames[i].Distance!.Value).Order()];
            medians[faced[k]] = Quantile.OfSorted(around, 0.5);
        }

        return medians;
    }
}
