using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Videos;
using Likeness.Media.Decoding;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>
/// Follows the character through every video Likeness makes (<see cref="VideoIdentityScorer"/> at its default
/// sampling) and stores the result with the video: the summary on its row, drift.json and drift.html in the asset
/// store. The video is already paid for, so a check that cannot run (no face engine, no FFmpeg, no reference with a
/// face, a clip FFmpeg cannot read) is recorded as "not checked: why" and never fails the video.
/// </summary>
public sealed class MadeVideoChecker(VideoIdentityScorer scorer, FaceEngineSource faces, IAssetStore assets, IDbContextFactory<LikenessDbContext> database, ILogger<MadeVideoChecker> log)
{
    private readonly ILogger _log = log;

    /// <summary>Checks <paramref name="video"/> (a made one), stores and returns it updated.</summary>
    public async Task<Video> CheckAsync(Video video, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (video.Status != VideoStatus.Succeeded || video.AssetSha256 is not { } sha)
        {
            throw new RuleViolationException($"Video {video.Id} is {video.Status.ToString().ToLowerInvariant()}: only a made video can be checked.");
        }

        if (faces.Engine is null)
        {
            return await NotCheckedAsync(video, "no face engine is installed (models/faceapi)").ConfigureAwait(false);
        }

        DirectoryInfo folder = Directory.CreateTempSubdirectory("likeness-video-");
        try
        {
            string clip = Path.Combine(folder.FullName, $"video-{video.Id:N}{Extension(video.ContentType)}");
            await using (Stream source = await assets.OpenReadAsync(sha, cancellationToken).ConfigureAwait(false))
            await using (FileStream target = File.Create(clip))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }

            VideoIdentityReport report = await scorer.ScoreAsync(clip, video.CharacterId.ToString(), new VideoScoreOptions(), null, cancellationToken).ConfigureAwait(false);
            AssetRef json = await assets.PutAsync(DriftFiles.ToJson(report), "application/json", cancellationToken).ConfigureAwait(false);
            AssetRef html = await assets.PutAsync(System.Text.Encoding.UTF8.GetBytes(DriftFiles.ToHtml(report)), "text/html", cancellationToken).ConfigureAwait(false);
            video.RecordIdentity(new VideoIdentityCheck(
                report.Drift.DetectionRate, report.Drift.KeptRate, report.Drift.MedianDistance, report.Drift.Threshold, report.Drift.Breaks.Count,
                report.ThresholdSource, json.Sha256, html.Sha256));
        }
        catch (Exception ex) when (NotCheckable(ex) is { } why)
        {
            return await NotCheckedAsync(video, why).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return await SaveAsync(video).ConfigureAwait(false);
    }

    private Task<Video> NotCheckedAsync(Video video, string why)
    {
        WorkspaceLog.VideoNotChecked(_log, video.Id, why);
        video.RecordIdentityNotChecked(why);
        return SaveAsync(video);
    }

    // The check is done work: it is stored even when the caller has meanwhile given up.
    private async Task<Video> SaveAsync(Video video)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        db.Videos.Update(video);
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return video;
    }

    /// <summary>Why a check could not run, for the failures that mean "cannot check" rather than a bug.</summary>
    private static string? NotCheckable(Exception ex) => ex switch
    {
        MediaToolMissingException => ex.Message,
        InvalidVideoException => "the clip cannot be read: " + ex.Message,
        RuleViolationException => ex.Message,
        _ => null,
    };

    /// <summary>The file extension a stored video of <paramref name="contentType"/> is written with.</summary>
    internal static string Extension(string? contentType) => contentType switch
    {
        "video/mp4" => ".mp4",
        "video/webm" => ".webm",
        "video/quicktime" => ".mov",
        "video/x-msvideo" or "video/avi" => ".avi",
        _ => ".bin",
    };
}
