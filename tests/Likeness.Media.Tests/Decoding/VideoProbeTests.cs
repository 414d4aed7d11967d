using Likeness.Media.Decoding;
using Likeness.Testing;

namespace Likeness.Media.Tests.Decoding;

public sealed class VideoProbeTests(TestClips clips) : IClassFixture<TestClips>
{
    private static readonly VideoProbe Probe = new(new FfmpegOptions());

    [FfmpegFact]
    public async Task An_h264_clip_reports_its_size_length_rate_and_codec()
    {
        VideoInfo info = await Probe.ProbeAsync(clips.Zoom);
        Assert.Equal(("h264", 640, 480, 0), (info.Codec, info.Width, info.Height, info.Rotation));
        Assert.Equal(4.0, info.Duration.TotalSeconds, 1);
        Assert.Equal(25.0, info.FrameRate, 3);
        Assert.False(info.HasAudio);
    }

    [FfmpegFact]
    public async Task A_webm_clip_is_read_too()
    {
        VideoInfo info = await Probe.ProbeAsync(clips.Webm);
        Assert.Equal(("vp9", 640, 480), (info.Codec, info.Width, info.Height));
        Assert.Contains("webm", info.Format, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task A_phone_clip_reports_the_rotation_its_display_matrix_asks_for()
    {
        VideoInfo info = await Probe.ProbeAsync(clips.Rotated);
        Assert.Equal((480, 360), (info.Width, info.Height));
        Assert.Equal(90, info.Rotation);
        Assert.Equal((360, 480), (info.DisplayWidth, info.DisplayHeight));
    }

    [FfmpegFact]
    public async Task Every_unusable_file_is_refused_with_its_problem()
    {
        string empty = Path.Combine(clips.Folder, "empty.mp4");
        await File.WriteAllBytesAsync(empty, []);
        string text = Path.Combine(clips.Folder, "notes.mp4");
        await File.WriteAllTextAsync(text, "this is not a video, whatever its name says\n");
        (string Path, VideoProblem Problem)[] cases =
        [
            (Path.Combine(clips.Folder, "missing.mp4"), VideoProblem.Missing),
            (empty, VideoProblem.Empty),
            (text, VideoProblem.NotAVideo),
            (TestClips.Photo("obama.jpg"), VideoProblem.NotAVideo),
            (clips.AudioOnly, VideoProblem.AudioOnly),
            (clips.Truncated, VideoProblem.Truncated),
        ];
        foreach (var (path, problem) in cases)
        {
            InvalidVideoException error = await Assert.ThrowsAsync<InvalidVideoException>(() => Probe.ProbeAsync(path));
            Assert.Equal(problem, error.Problem);
            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [FfmpegFact]
    public async Task Limits_refuse_a_clip_before_any_frame_is_decoded()
    {
        var small = new VideoProbe(new FfmpegOptions { Limits = new VideoLimits { MaxSide = 320 } });
        Assert.Equal(VideoProblem.TooLarge, (await Assert.ThrowsAsync<InvalidVideoException>(() => small.ProbeAsync(clips.Zoom))).Problem);
        var brief = new VideoProbe(new FfmpegOptions { Limits = new VideoLimits { MaxDuration = TimeSpan.FromSeconds(2) } });
        Assert.Equal(VideoProblem.TooLong, (await Assert.ThrowsAsync<InvalidVideoException>(() => brief.ProbeAsync(clips.Zoom))).Problem);
    }

    [Fact]
    public async Task A_missing_ffprobe_is_named_with_how_to_install_it()
    {
        using var folder = new TempFolder();
        string file = Path.Combine(folder.Path, "x.mp4");
        await File.WriteAllBytesAsync(file, [1, 2, 3]);
        var probe = new VideoProbe(new FfmpegOptions { Ffprobe = Path.Combine(folder.Path, "no-such-ffprobe") });
        MediaToolMissingException error = await Assert.ThrowsAsync<MediaToolMissingException>(() => probe.ProbeAsync(file));
        Assert.Equal("ffprobe", error.Tool);
        Assert.Contains("apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_is_passed_as_a_local_file_url_so_it_cannot_select_a_protocol()
    {
        Assert.Equal("file:/tmp/http:x.mp4", VideoProbe.InputUrl("/tmp/http:x.mp4"));
    }
}
