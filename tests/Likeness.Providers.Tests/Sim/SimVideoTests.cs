using System.Globalization;
using System.Text;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Media.Decoding;
using Likeness.Media.Transcoding;
using Likeness.Providers.Sim;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Sim;

public sealed class SimVideoTests : IDisposable
{
    private readonly TempFolder _state = new();

    public void Dispose() => _state.Dispose();

    private static ElementVideoRequest Request(int seconds = 3, string aspect = "16:9") =>
        new("obama", "walks toward the camera", CastPhotos.Load("obama.jpg", ReferenceRole.Frontal), [CastPhotos.Load("obama1.jpg", ReferenceRole.ThreeQuarter)], seconds, aspect);

    private SimProvider Provider(SimProfile profile, double failureRate = 0) =>
        new(profile, new SimOptions { StateDirectory = _state.Path, FailureRate = failureRate }, FixedDistractors.None, null, new ManualTime());

    [Fact]
    public async Task The_sim_makes_a_motion_jpeg_avi_whose_riff_tree_index_and_frames_are_consistent()
    {
        using SimProvider instant = Provider(SimProfile.Instant);
        VideoResult video = await instant.GenerateVideoAsync(Request(seconds: 3, aspect: "9:16"));
        Assert.True(video.Simulated);
        Assert.Equal(("video/x-msvideo", 3.0), (video.ContentType, video.DurationSeconds));
        Assert.Equal(0.336m, video.CostUsd);
        Assert.StartsWith("simvid_", video.ProviderRequestId, StringComparison.Ordinal);

        byte[] file = video.Bytes.ToArray();
        var avi = new AviReader(file);
        Assert.Equal(["hdrl", "INFO", "movi", "idx1"], avi.Lists.Concat(avi.Chunks).OrderBy(e => e.Value.Offset).Select(e => e.Key));
        var hdrl = avi.Children(avi.Lists["hdrl"].Offset, avi.Lists["hdrl"].Size);
        Assert.Equal(["avih", "LIST:strl"], hdrl.Select(c => c.Id));
        int avih = hdrl[0].Offset;
        int frames = 3 * SimVideo.Fps;
        Assert.Equal((1_000_000u / SimVideo.Fps, 0x10u, (uint)frames, 1u, 180u, 320u),
            (AviReader.U32(file, avih), AviReader.U32(file, avih + 12), AviReader.U32(file, avih + 16), AviReader.U32(file, avih + 24), AviReader.U32(file, avih + 32), AviReader.U32(file, avih + 36)));
        var strl = avi.Children(hdrl[1].Offset, hdrl[1].Size);
        Assert.Equal(["strh", "strf"], strl.Select(c => c.Id));
        Assert.Equal(("vids", "MJPG", (uint)SimVideo.Fps, (uint)frames), (AviReader.Text(file, strl[0].Offset), AviReader.Text(file, strl[0].Offset + 4), AviReader.U32(file, strl[0].Offset + 24), AviReader.U32(file, strl[0].Offset + 32)));
        Assert.Equal("MJPG", AviReader.Text(file, strl[1].Offset + 16));

        string comment = avi.Children(avi.Lists["INFO"].Offset, avi.Lists["INFO"].Size)
            .Where(c => c.Id == "ICMT").Select(c => Encoding.ASCII.GetString(file, c.Offset, c.Size)).Single();
        Assert.Contains("simulated video", comment, StringComparison.Ordinal);

        var (moviOffset, moviSize) = avi.Lists["movi"];
        var movi = avi.Children(moviOffset, moviSize);
        Assert.Equal(frames, movi.Count);
        var (idxOffset, idxSize) = avi.Chunks["idx1"];
        Assert.Equal(16 * frames, idxSize);
        byte[]? previous = null;
        for (int i = 0; i < frames; i++)
        {
            int entry = idxOffset + (16 * i);
            Assert.Equal("00dc", AviReader.Text(file, entry));
            Assert.Equal(0x10u, AviReader.U32(file, entry + 4));

            // idx1 offsets count from the 'movi' fourcc to each chunk's header.
            Assert.Equal(movi[i].Offset - 8, moviOffset + (int)AviReader.U32(file, entry + 8));
            Assert.Equal(movi[i].Size, (int)AviReader.U32(file, entry + 12));
            byte[] jpeg = file.AsSpan(movi[i].Offset, movi[i].Size).ToArray();
            using DecodedImage decoded = ImageDecoder.Decode(jpeg);
            Assert.Equal((180, 320), (decoded.Image.Width, decoded.Image.Height));
            Assert.NotEqual(previous, jpeg);
            previous = jpeg;
        }
    }

    [Fact]
    public async Task Video_is_deterministic_fails_when_injected_and_only_profiles_with_the_capability_make_it()
    {
        using SimProvider instant = Provider(SimProfile.Instant);
        VideoResult a = await instant.GenerateVideoAsync(Request());
        VideoResult b = await instant.GenerateVideoAsync(Request());
        Assert.Equal(a.Bytes.ToArray(), b.Bytes.ToArray());
        Assert.Equal(a.Latency, b.Latency);
        Assert.NotEqual(a.Bytes.ToArray(), (await instant.GenerateVideoAsync(Request() with { Prompt = "turns around" })).Bytes.ToArray());

        using SimProvider flaky = Provider(SimProfile.Instant, failureRate: 1);
        Assert.Equal(503, (await Assert.ThrowsAsync<ProviderException>(() => flaky.GenerateVideoAsync(Request()))).Status);
        using SimProvider reference = Provider(SimProfile.Reference);
        Assert.Equal(404, (await Assert.ThrowsAsync<ProviderException>(() => reference.GenerateVideoAsync(Request()))).Status);
        Assert.True(instant.Descriptor.Capabilities.HasFlag(ProviderCapabilities.ElementVideo));
        Assert.False(reference.Descriptor.Capabilities.HasFlag(ProviderCapabilities.ElementVideo));
    }

    [FfmpegFact]
    public async Task Ffprobe_reads_the_video_as_motion_jpeg_at_the_stated_length()
    {
        using SimProvider instant = Provider(SimProfile.Instant);
        VideoResult video = await instant.GenerateVideoAsync(Request(seconds: 2, aspect: "1:1"));
        string path = _state.Combine("clip.avi");
        await File.WriteAllBytesAsync(path, video.Bytes.ToArray());
        string output = Ffmpeg.Run("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames,r_frame_rate:format=format_name,duration", "-of", "default=noprint_wrappers=1", path);
        Assert.Contains("codec_name=mjpeg", output, StringComparison.Ordinal);
        Assert.Contains("width=240", output, StringComparison.Ordinal);
        Assert.Contains("height=240", output, StringComparison.Ordinal);
        Assert.Contains($"nb_read_frames={2 * SimVideo.Fps}", output, StringComparison.Ordinal);
        Assert.Contains($"r_frame_rate={SimVideo.Fps}/1", output, StringComparison.Ordinal);
        Assert.Contains("format_name=avi", output, StringComparison.Ordinal);
        double duration = double.Parse(output.Split('\n').Single(l => l.StartsWith("duration=", StringComparison.Ordinal))["duration=".Length..], CultureInfo.InvariantCulture);
        Assert.Equal(2.0, duration, 3);
    }

    [FfmpegFact]
    public async Task With_an_encoder_the_clip_is_webm_that_ffprobe_reads_as_vp8_frame_for_frame()
    {
        using SimProvider instant = new(SimProfile.Instant, new SimOptions { StateDirectory = _state.Path }, FixedDistractors.None, null, new ManualTime(), new WebmEncoder(new FfmpegOptions()));
        VideoResult video = await instant.GenerateVideoAsync(Request(seconds: 2, aspect: "1:1"));
        Assert.Equal(("video/webm", 2.0), (video.ContentType, video.DurationSeconds));
        byte[] clip = video.Bytes.ToArray();
        Assert.Equal(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, clip[..4]);
        string path = _state.Combine("clip.webm");
        await File.WriteAllBytesAsync(path, clip);
        string output = Ffmpeg.Run("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames:format=format_name,duration", "-of", "default=noprint_wrappers=1", path);
        Assert.Contains("codec_name=vp8", output, StringComparison.Ordinal);
        Assert.Contains("width=240", output, StringComparison.Ordinal);
        Assert.Contains("height=240", output, StringComparison.Ordinal);
        Assert.Contains($"nb_read_frames={2 * SimVideo.Fps}", output, StringComparison.Ordinal);
        Assert.Contains("format_name=matroska,webm", output, StringComparison.Ordinal);
        double duration = double.Parse(output.Split('\n').Single(l => l.StartsWith("duration=", StringComparison.Ordinal))["duration=".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(duration, 1.8, 2.2);
    }

    [Fact]
    public async Task Without_ffmpeg_the_encoder_gives_way_to_the_motion_jpeg_avi()
    {
        var missing = new WebmEncoder(new FfmpegOptions { Ffmpeg = _state.Combine("no-such-ffmpeg") });
        using SimProvider instant = new(SimProfile.Instant, new SimOptions { StateDirectory = _state.Path }, FixedDistractors.None, null, new ManualTime(), missing);
        VideoResult video = await instant.GenerateVideoAsync(Request(seconds: 2, aspect: "1:1"));
        Assert.Equal("video/x-msvideo", video.ContentType);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(video.Bytes.Span[..4]));
    }
}
