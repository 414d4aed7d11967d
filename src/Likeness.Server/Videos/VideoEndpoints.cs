using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Likeness.Core.Providers;
using Likeness.Core.Videos;
using Likeness.Server.Auth;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Videos;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Pins;
using Likeness.Workspace.Videos;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Videos;

/// <summary>
/// <c>/api/projects/{project}/characters/{character}/videos</c>: viewers list videos, read one and fetch its clip;
/// artists make one from a pin as a background job (202 with the job; its message carries the estimate).
/// </summary>
internal static class VideoEndpoints
{
    public static RouteGroupBuilder MapVideos(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/videos").WithTags("Videos");
        group.MapGet("/", ListAsync).WithName("ListVideos");
        group.MapGet("/{video:guid}", GetAsync).WithName("GetVideo");
        group.MapGet("/{video:guid}/file", FileAsync).WithName("GetVideoFile");
        group.MapPost("/", StartAsync).WithName("MakeVideo").RequireAuthorization(Policies.Artist);
        return project;
    }

    private static async Task<Accepted<JobResponse>> StartAsync(
        Guid project, string character, VideoJobRequest request, HttpContext context, CharacterCatalog characters, PinBook pins, ProviderRegistry providers,
        JobStarts starts, CancellationToken cancellationToken)
    {
        string provider = providers.Describe(Require.Text(request.Provider, "provider", 100)).Name;
        string prompt = Require.Text(request.Prompt, "prompt", 2000);
        int duration = request.DurationSeconds ?? 5;
        if (duration is < Video.MinDurationSeconds or > Video.MaxDurationSeconds)
        {
            throw new InvalidInputException($"A video lasts {Video.MinDurationSeconds} to {Video.MaxDurationSeconds} s (asked {duration}).", "durationSeconds");
        }

        string aspect = request.AspectRatio ?? "16:9";
        if (aspect is not ("16:9" or "9:16" or "1:1"))
        {
            throw new InvalidInputException($"A video's aspect ratio is 16:9, 9:16 or 1:1, not {aspect}.", "aspectRatio");
        }

        if (!providers.Describe(provider).Capabilities.HasFlag(ProviderCapabilities.ElementVideo))
        {
            throw new InvalidInputException($"{provider} makes no video of a pinned character.", "provider");
        }

        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        Pin pin = await PinOfAsync(c, request.Pin, pins, cancellationToken).ConfigureAwait(false);
        var input = new VideoJobInput(c.Id, pin.Id, provider, prompt, duration, aspect);
        return await starts.StartAsync<VideoStepJob>(context, project, JobKind.Video, JobInputs.Write(input), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<VideoResponse[]>> ListAsync(Guid project, string character, CharacterCatalog characters, VideoRunner videos, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok((await videos.ListAsync(c.Id, cancellationToken).ConfigureAwait(false)).Select(VideoResponse.From).ToArray());
    }

    private static async Task<Ok<VideoResponse>> GetAsync(Guid project, string character, Guid video, CharacterCatalog characters, VideoRunner videos, CancellationToken cancellationToken) =>
        TypedResults.Ok(VideoResponse.From(await FindAsync(project, character, video, characters, videos, cancellationToken).ConfigureAwait(false)));

    // Streamed from the asset store, never whole in memory.
    private static async Task<FileStreamHttpResult> FileAsync(
        Guid project, string character, Guid video, CharacterCatalog characters, VideoRunner videos, IAssetStore assets, CancellationToken cancellationToken)
    {
        Video found = await FindAsync(project, character, video, characters, videos, cancellationToken).ConfigureAwait(false);
        if (found.AssetSha256 is not { } sha)
        {
            throw new NotFoundException(EntityKind.File, video.ToString(), $"Video {video} has no clip ({found.Status.ToString().ToLowerInvariant()}).");
        }

        Stream clip = await assets.OpenReadAsync(sha, cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(clip, found.ContentType ?? "video/mp4");
    }

    private static async Task<Video> FindAsync(
        Guid project, string character, Guid video, CharacterCatalog characters, VideoRunner videos, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return (await videos.ListAsync(c.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Id == video)
            ?? throw new NotFoundException(EntityKind.Video, video.ToString(), $"No video {video} of this character.");
    }

    // Another character's pin is not found: pins are looked up among this character's own.
    private static async Task<Pin> PinOfAsync(Character character, string? pin, PinBook pins, CancellationToken cancellationToken)
    {
        IReadOnlyList<Pin> own = await pins.ListAsync(character.Id, cancellationToken).ConfigureAwait(false);
        Pin? found = pin is null ? own.OrderBy(p => p.CreatedAt).LastOrDefault()
            : own.FirstOrDefault(p => p.Id.ToString().StartsWith(pin.Trim(), StringComparison.OrdinalIgnoreCase) && pin.Trim().Length >= PinBook.MinPrefixLength);
        return found ?? throw new NotFoundException(EntityKind.Pin, pin ?? character.Name, pin is null ? $"{character.Name} has no pin: pin the character first." : $"{character.Name} has no pin '{pin}'.");
    }
}

/// <summary>A video as the API shows it; its clip is at <c>…/videos/{id}/file</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="PinId">The pin it was made from.</param>
/// <param name="Provider">The provider.</param>
/// <param name="Prompt">What was asked.</param>
/// <param name="DurationSeconds">The length asked for.</param>
/// <param name="AspectRatio">Its shape.</param>
/// <param name="Status">pending, succeeded or failed.</param>
/// <param name="ActualSeconds">The clip's real length.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="Simulated">Whether the simulator made it.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Identity">The made clip's identity check (docs/video.md); null until it was checked.</param>
public sealed record VideoResponse(
    Guid Id, Guid PinId, string Provider, string Prompt, int DurationSeconds, string AspectRatio, string Status, double? ActualSeconds, decimal CostUsd,
    bool Simulated, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, VideoIdentityResponse? Identity)
{
    internal static VideoResponse From(Video v) => new(
        v.Id, v.PinId, v.Provider, v.Prompt, v.DurationSeconds, v.AspectRatio, v.Status.ToString().ToLowerInvariant(), v.ActualSeconds, v.CostUsd,
        v.Simulated, v.Error, v.CreatedAt, v.CompletedAt, VideoIdentityResponse.From(v));
}

/// <summary>How well a made clip keeps its character, followed frame by frame (<c>likeness video score</c>).</summary>
/// <param name="DetectionRate">Share of sampled frames with a face.</param>
/// <param name="KeptRate">Share of frames with a face that keep the character; null without a threshold.</param>
/// <param name="MedianDistance">Median face distance to the character's references over the clip.</param>
/// <param name="Threshold">The threshold it was judged by.</param>
/// <param name="Breaks">Runs where the identity broke.</param>
/// <param name="Note">Where the threshold came from, or why the clip was not checked.</param>
public sealed record VideoIdentityResponse(double? DetectionRate, double? KeptRate, double? MedianDistance, double? Threshold, int? Breaks, string? Note)
{
    internal static VideoIdentityResponse? From(Video v) =>
        v.IdentityDetectionRate is null && v.IdentityNote is null
            ? null
            : new(v.IdentityDetectionRate, v.IdentityKeptRate, v.IdentityMedianDistance, v.IdentityThreshold, v.IdentityBreaks, v.IdentityNote);
}
