using System.Globalization;
using Likeness.Core;
using Likeness.Core.Pins;
using Likeness.Core.Providers;
using Likeness.Core.Videos;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Pins;
using Likeness.Workspace.Videos;

namespace Likeness.Server.Jobs.Videos;

/// <summary>
/// A video job: one paid call through the video runner, whose claim (keyed by the pin, provider, prompt, length and
/// shape) makes a firing repeated after a crash or on another node return the video already made instead of paying again,
/// or collect the one fal still has (its request id is in the claim) instead of sending it again.
/// </summary>
internal sealed class VideoSteps(JobBook jobs, PinBook pins, VideoRunner videos, JobPayer payers)
{
    public async Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken)
    {
        JobRecord? job = await jobs.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsFinal)
        {
            return job;
        }

        if (job.CancelRequested)
        {
            return await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Cancelled, "cancelled before it started"), cancellationToken).ConfigureAwait(false);
        }

        VideoJobInput input = JobInputs.Read<VideoJobInput>(job);
        try
        {
            Pin pin = await pins.GetAsync(input.PinId.ToString(), cancellationToken).ConfigureAwait(false);
            string estimate = videos.Estimate(input.Provider, input.DurationSeconds).ToString("0.00##", CultureInfo.InvariantCulture);
            await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Running, $"making {input.DurationSeconds} s at {input.Provider} (estimate ${estimate})"), cancellationToken).ConfigureAwait(false);
            Video video = await videos.GenerateAsync(pin, input.Provider, input.Prompt, input.DurationSeconds, input.AspectRatio, payers.Of(job), cancellationToken).ConfigureAwait(false);
            return await jobs.UpdateAsync(id, j => Record(j, video, estimate), cancellationToken).ConfigureAwait(false);
        }
        catch (LikenessException ex) when (JobOutcomes.Waiting(ex) is { } waiting)
        {
            // A collect of a video fal has, stopped with its claim kept as it stands (a 5xx or 429 from its status
            // endpoint, or a key it refused): the job says why it waits and the next firing collects the video instead
            // of sending it again.
            return await jobs.UpdateAsync(id, j => j.Message = waiting, cancellationToken).ConfigureAwait(false);
        }
        catch (LikenessException ex)
        {
            return await jobs.UpdateAsync(id, j => JobOutcomes.Fail(j, ex), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Record(JobRecord job, Video video, string estimate)
    {
        (job.ResultIds, job.CostUsd) = ([video.Id], video.CostUsd);
        if (video.Status == VideoStatus.Succeeded)
        {
            (job.Status, job.Percent, job.Message) = (JobStatus.Succeeded, 100, $"made {video.ActualSeconds?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} s at {video.Provider} (estimate ${estimate})");
        }
        else
        {
            JobOutcomes.Fail(job, new ProviderException(video.Provider, video.Error ?? "The video failed."));
        }
    }
}
