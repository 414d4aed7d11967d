using Likeness.Imaging;
using Likeness.Media.Decoding;
using Likeness.Testing;

namespace Likeness.Media.Tests.Decoding;

public sealed class VideoFrameReaderTests(TestClips clips) : IClassFixture<TestClips>
{
    private static readonly VideoFrameReader Reader = new(new FfmpegOptions());

    [FfmpegFact]
    public async Task Frames_at_a_fixed_rate_come_in_order_with_their_times()
    {
        var times = new List<double>();
        await foreach (VideoFrame frame in Reader.ReadAsync(clips.Zoom, FrameSampling.AtRate(2)))
        {
            using (frame)
            {
                Assert.Equal((640, 480, PixelFormat.Rgb24), (frame.Image.Width, frame.Image.Height, frame.Image.Format));
                Assert.Equal(times.Count, frame.Index);
                times.Add(frame.Time.TotalSeconds);
            }
        }

        Assert.Equal([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5], times);
    }

    [FfmpegFact]
    public async Task Frames_can_be_shrunk_on_the_way_out_keeping_the_aspect()
    {
        await foreach (VideoFrame frame in Reader.ReadAsync(clips.Webm, FrameSampling.AtRate(1), maxSide: 320))
        {
            using (frame)
            {
                Assert.Equal((320, 240), (frame.Image.Width, frame.Image.Height));
            }
        }
    }

    [FfmpegFact]
    public async Task Scene_changes_give_the_first_frame_and_each_cut_with_its_time()
    {
        var times = new List<double>();
        await foreach (VideoFrame frame in Reader.ReadAsync(clips.Cut, FrameSampling.AtSceneChanges(0.3), maxSide: 320))
        {
            using (frame)
            {
                times.Add(frame.Time.TotalSeconds);
            }
        }

        // Obama → Biden at 3 s, Biden → black at 6 s, black → Biden at 7 s (one 25 fps frame of slack each).
        Assert.Equal(4, times.Count);
        Assert.Equal(0.0, times[0], 2);
        Assert.Equal(TestClips.CutAt.TotalSeconds, times[1], 0.04);
        Assert.Equal(TestClips.BlackAt.TotalSeconds, times[2], 0.04);
        Assert.Equal(TestClips.BlackAt.TotalSeconds + 1, times[3], 0.04);
    }

    [FfmpegFact]
    public async Task The_last_frame_is_the_one_at_the_end_of_the_clip()
    {
        var frames = new List<VideoFrame>();
        await foreach (VideoFrame frame in Reader.ReadAsync(clips.Cut, FrameSampling.LastFrame))
        {
            frames.Add(frame);
        }

        using VideoFrame last = Assert.Single(frames);
        Assert.InRange(last.Time.TotalSeconds, 8.9, 9.0);
    }

    [FfmpegFact]
    public async Task A_phone_clip_comes_out_upright_as_its_display_matrix_says()
    {
        using TempFolder folder = new();
        string upright = Path.Combine(folder.Path, "upright.ppm");
        Ffmpeg.Run("ffmpeg", "-y", "-loglevel", "error", "-i", TestClips.Photo("obama.jpg"), "-vf", "scale=360:480:force_original_aspect_ratio=increase,crop=360:480", upright);
        using DecodedImage expected = ImageDecoder.Decode(await File.ReadAllBytesAsync(upright));
        await foreach (VideoFrame frame in Reader.ReadAsync(clips.Rotated, FrameSampling.AtRate(1)))
        {
            using (frame)
            {
                Assert.Equal((360, 480), (frame.Image.Width, frame.Image.Height));
                // H.264 at default quality: within a few levels on average; a sideways or mirrored frame is far off.
                Assert.InRange(MeanAbsoluteDifference(frame.Image, expected.Image), 0, 8);
            }
        }
    }

    [FfmpegFact]
    public async Task Stopping_early_stops_ffmpeg_and_frees_the_frames()
    {
        int seen = 0;
        await foreach (VideoFrame frame in Reader.ReadAsync(clips.Zoom, FrameSampling.AtRate(25)))
        {
            frame.Dispose();
            if (++seen == 3)
            {
                break;
            }
        }

        Assert.Equal(3, seen);
    }

    [FfmpegFact]
    public async Task A_truncated_clip_is_refused_before_decoding()
    {
        InvalidVideoException error = await Assert.ThrowsAsync<InvalidVideoException>(async () =>
        {
            await foreach (VideoFrame frame in Reader.ReadAsync(clips.Truncated, FrameSampling.AtRate(1)))
            {
                frame.Dispose();
            }
        });
        Assert.Equal(VideoProblem.Truncated, error.Problem);
    }

    [Fact]
    public void Out_of_range_sampling_is_refused()
    {
        Assert.Throws<ArgumentException>(() => FrameSampling.AtRate(0));
        Assert.Throws<ArgumentException>(() => FrameSampling.AtRate(double.NaN));
        Assert.Throws<ArgumentException>(() => FrameSampling.AtSceneChanges(1));
    }

    [Fact]
    public void Showinfo_times_are_read_from_ffmpeg_log_lines()
    {
        Assert.Equal(2.5, VideoFrameReader.PtsTime("[Parsed_showinfo_2 @ 0x5581] n:   5 pts:     5 pts_time:2.5     duration:1"));
        Assert.Null(VideoFrameReader.PtsTime("[Parsed_showinfo_2 @ 0x5581] config in time_base: 1/2"));
    }

    private static double MeanAbsoluteDifference(Image a, Image b)
    {
        long sum = 0;
        ReadOnlySpan<byte> x = a.Pixels, y = b.Pixels;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Abs(x[i] - y[i]);
        }

        return (double)sum / x.Length;
    }
}
