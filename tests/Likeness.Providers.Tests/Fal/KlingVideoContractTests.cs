using Likeness.Core.Providers;
using Likeness.Providers.Fal;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

/// <summary>Kling O1 reference-to-video with one element against the emulator.</summary>
public sealed class KlingVideoContractTests
{
    [Fact]
    public async Task A_video_of_an_element_is_made_downloaded_and_priced_per_second()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        IReadOnlyList<ReferencePhoto> photos = FalTestbed.Photos();
        VideoResult video = await bed.Provider.GenerateVideoAsync(new ElementVideoRequest("ada", "@Element1 walks along the shore", photos[0], [.. photos.Skip(1)], 5, "9:16"));
        Assert.True(video.Bytes.Length > 0);
        Assert.Equal("video/mp4", video.ContentType);
        Assert.Equal(0.112m * 5, video.CostUsd);
        Assert.Equal(5, video.DurationSeconds);

        FalEmulatedRequest sent = Assert.Single(bed.Emulator.Requests);
        Assert.Equal(FalApps.KlingO1ReferenceToVideo, sent.EndpointId);
        Assert.Equal(video.ProviderRequestId, sent.RequestId);
        Assert.Equal("5", sent.Input.GetProperty("duration").GetString());
        Assert.Equal("9:16", sent.Input.GetProperty("aspect_ratio").GetString());
        var element = sent.Input.GetProperty("elements")[0];
        Assert.StartsWith(bed.Emulator.CdnUri.AbsoluteUri, element.GetProperty("frontal_image_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, element.GetProperty("reference_image_urls").GetArrayLength());
    }

    [Fact]
    public async Task A_video_is_collected_again_from_its_token_and_one_whose_result_is_gone_is_charged_as_billed()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        IReadOnlyList<ReferencePhoto> photos = FalTestbed.Photos();
        string? token = null;
        var request = new ElementVideoRequest("ada", "@Element1 turns to the camera", photos[0], [.. photos.Skip(1)], 5, "16:9")
        {
            Submitted = t =>
            {
                token = t;
                return Task.CompletedTask;
            },
        };
        VideoResult made = await bed.Provider.GenerateVideoAsync(request);
        Assert.Equal($"{FalApps.KlingO1ReferenceToVideo}#{made.ProviderRequestId}", token);

        // Another process collects it from the token alone: the same video, the same price, nothing sent again.
        VideoResult collected = await bed.Provider.ResumeVideoAsync(token!, 5);
        Assert.Equal((made.ProviderRequestId, made.CostUsd, made.Bytes.Length), (collected.ProviderRequestId, collected.CostUsd, collected.Bytes.Length));
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.KlingO1ReferenceToVideo));

        // Once fal no longer keeps the result, collecting it is fal's final word on a request it ran and billed.
        bed.Emulator.Options.ResultRetention = bed.Emulator.Options.LargeResultRetention = TimeSpan.FromTicks(1);
        FalException gone = await Assert.ThrowsAsync<FalException>(() => bed.Provider.ResumeVideoAsync(token!, 5));
        Assert.Equal((404, "result_expired", false, 0.112m * 5), (gone.Status, gone.ErrorType, gone.Retriable, gone.ChargedUsd));
        Assert.StartsWith("The provider's result expired before it was collected", gone.Message, StringComparison.Ordinal);
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.KlingO1ReferenceToVideo));
    }

    [Theory]
    [InlineData(2, "16:9", 1)]
    [InlineData(11, "16:9", 1)]
    [InlineData(5, "4:3", 1)]
    [InlineData(5, "16:9", 0)]
    public async Task Requests_fal_would_refuse_are_refused_before_paying(int seconds, string aspect, int references)
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        IReadOnlyList<ReferencePhoto> photos = FalTestbed.Photos();
        // A client-side check, not something fal said: the ArgumentException family, no invented HTTP status.
        ArgumentException refused = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            bed.Provider.GenerateVideoAsync(new ElementVideoRequest("ada", "x", photos[0], [.. photos.Skip(1).Take(references)], seconds, aspect)));
        Assert.DoesNotContain('\n', refused.Message); // one line for the CLI, with no "(Parameter ...)" suffix
        Assert.DoesNotContain("Parameter", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.Submissions(FalApps.KlingO1ReferenceToVideo));
    }
}
