using Likeness.Core.Videos.Drift;
using Likeness.Core.Videos.Frames;

namespace Likeness.Core.Tests.Videos;

public sealed class TrainingFrameSelectorTests
{
    private static readonly FrameSelectionOptions Options = new() { Threshold = 0.5, Max = 3 };

    [Fact]
    public void Only_sharp_well_exposed_large_frames_of_the_character_are_kept_and_each_is_left_out_for_its_reason()
    {
        FrameCandidate[] frames =
        [
            Frame(0, 0.30, turn: 0.0, hash: 0x0000_0000_0000_0000),
            new() { Time = TimeSpan.FromSeconds(1), Identity = new FrameIdentity(TimeSpan.FromSeconds(1), false, null) },
            Frame(2, 0.80, turn: 0.0, hash: 0x1111_0000_0000_0000, other: ("Joe Biden", 0.3)),
            Frame(3, 0.70, turn: 0.0, hash: 0x2222_0000_0000_0000),
            Frame(4, 0.30, turn: 0.0, hash: 0x3333_0000_0000_0000) with { FaceHeightFraction = 0.02 },
            Frame(5, 0.30, turn: 0.0, hash: 0x4444_0000_0000_0000) with { Sharpness = 10 },
            Frame(6, 0.30, turn: 0.0, hash: 0x5555_0000_0000_0000) with { MeanLuma = 20 },
            Frame(7, 0.32, turn: 0.0, hash: 0x0000_0000_0000_0003),
        ];

        FrameSelection selection = TrainingFrameSelector.Select(frames, Options);

        Assert.Equal([0.0], selection.Chosen.Select(c => c.Time.TotalSeconds));
        Assert.Equal(
            [FrameRejection.NoFace, FrameRejection.OtherCharacter, FrameRejection.NotTheCharacter, FrameRejection.FaceTooSmall, FrameRejection.Blurry, FrameRejection.BadExposure, FrameRejection.Duplicate],
            selection.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void The_set_is_filled_across_pose_bands_before_a_second_frame_of_any_band()
    {
        FrameCandidate[] frames =
        [
            .. Enumerable.Range(0, 6).Select(i => Frame(i, 0.20 + (0.01 * i), turn: 0.01, hash: (ulong)i << 20 | 0xFFFF_0000_0000_0000UL >> (i * 8))),
            Frame(10, 0.35, turn: 0.15, hash: 0x00FF_00FF_00FF_00FF),
            Frame(11, 0.40, turn: -0.15, hash: 0xF0F0_F0F0_F0F0_F0F0),
        ];

        FrameSelection selection = TrainingFrameSelector.Select(frames, Options);

        Assert.Equal(3, selection.PosesCovered);
        Assert.Equal(["frontal", "three-quarter right", "three-quarter left"], selection.Chosen.Select(c => c.PoseLabel));
        Assert.Equal(5, selection.Rejected.Count(r => r.Reason == FrameRejection.NotChosen));
    }

    [Fact]
    public void A_bad_threshold_or_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TrainingFrameSelector.Select([], Options with { Threshold = 0 }));
        Assert.Throws<ArgumentException>(() => TrainingFrameSelector.Select([], Options with { Max = 0 }));
    }

    private static FrameCandidate Frame(double seconds, double distance, double turn, ulong hash, (string Name, double Distance)? other = null) => new()
    {
        Time = TimeSpan.FromSeconds(seconds),
        Identity = new FrameIdentity(TimeSpan.FromSeconds(seconds), true, distance, other?.Name, other?.Distance),
        FaceHeightFraction = 0.3,
        Sharpness = 300,
        MeanLuma = 120,
        ClippedFraction = 0.01,
        Turn = turn,
        Fingerprint = hash,
    };
}
