namespace Likeness.Core.Videos.Frames;

/// <summary>What a frame must be to join a training set, and how many to keep.</summary>
public sealed record FrameSelectionOptions
{
    /// <summary>The character's identity threshold (mean face distance).</summary>
    public required double Threshold { get; init; }

    /// <summary>Most frames to keep (the seeds train on 10 to 20 images).</summary>
    public int Max { get; init; } = 15;

    /// <summary>Least face height as a share of the frame's height.</summary>
    public double MinFaceHeightFraction { get; init; } = 0.08;

    /// <summary>Least sharpness as a share of the median sharpness of the frames that show the character.</summary>
    public double MinRelativeSharpness { get; init; } = 0.35;

    /// <summary>Face luma range accepted, and the most pixels that may be clipped.</summary>
    public (double Min, double Max, double Clipped) Exposure { get; init; } = (40, 220, 0.25);

    /// <summary>Largest difference-hash distance that counts as the same picture.</summary>
    public int DuplicateBits { get; init; } = References.ImageFingerprint.NearDuplicateBits;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Threshold) || Threshold <= 0)
        {
            throw new ArgumentException($"The identity threshold must be a positive distance (got {Threshold}).");
        }

        if (Max is < 1 or > 200)
        {
            throw new ArgumentException($"A training set from a clip takes 1 to 200 frames (got {Max}).");
        }
    }
}
