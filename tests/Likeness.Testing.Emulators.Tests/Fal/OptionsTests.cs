using System.Diagnostics;
using System.Text.Json;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class OptionsTests
{
    [Fact]
    public async Task Out_of_range_knobs_are_refused_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FalEmulator.StartAsync(new FalEmulatorOptions { Concurrency = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FalEmulator.StartAsync(new FalEmulatorOptions { RunDuration = TimeSpan.FromSeconds(-1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => FalEmulator.StartAsync(new FalEmulatorOptions { UserId = " " }));
    }

    [Fact]
    public async Task On_the_system_clock_a_request_completes_after_its_queue_delay_and_run_duration()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(50), RunDuration = TimeSpan.FromMilliseconds(100) });
        using var wire = new FalWire(fal.Key);
        var clock = Stopwatch.StartNew();
        JsonElement submit = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new { prompt = "walk" });
        var seen = new List<string>();
        int status;
        do
        {
            await Task.Delay(10);
            (status, JsonElement body, _) = await wire.FollowAsync(submit, "status_url");
            seen.Add(body.GetProperty("status").GetString()!);
        }
        while (status == 202 && clock.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal(200, status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        string[] order = ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"];
        int[] ranks = [.. seen.Select(s => Array.IndexOf(order, s))];
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal("COMPLETED", seen[^1]);
    }

    [Fact]
    public async Task With_a_face_engine_the_render_frames_the_largest_face()
    {
        var options = new FalEmulatorOptions { Time = new ManualTime(), Faces = new FixedFace(new FaceBox(150, 40, 30, 30)) };
        await using FalEmulator fal = await FalEmulator.StartAsync(options);
        using var wire = new FalWire(fal.Key);
        string photo = "data:image/png;base64," + Convert.ToBase64String(HalfRedHalfBlue());

        (_, JsonElement framed, _) = await wire.PostAsync(new Uri(fal.SyncUri, "fal-ai/instant-character"),
            JsonSerializer.Serialize(new { prompt = "p", image_url = photo, image_size = new { width = 32, height = 32 } }));
        byte[] bytes = await wire.Http.GetByteArrayAsync(framed.GetProperty("images")[0].GetProperty("url").GetString());

        Assert.InRange(FalTestImages.MeanRed(bytes), 0, 40);
    }

    private static byte[] HalfRedHalfBlue()
    {
        const int width = 200, height = 100;
        var pixels = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++)
        {
            bool left = i % width < width / 2;
            pixels[(i * 3) + (left ? 0 : 2)] = 255;
        }

        using Image image = Image.FromPixels(width, height, PixelFormat.Rgb24, pixels);
        return ImageEncoder.EncodeToBytes(image, ImageFormat.Png);
    }

    private sealed class FixedFace(FaceBox box) : IFaceAnalyzer
    {
        public string Name => "fixed";

        public double SamePersonThreshold => 0.6;

        public IReadOnlyList<FaceObservation> Analyze(Image image, CancellationToken cancellationToken = default) => [new FaceObservation(box, 1, [])];
    }
}
