using Likeness.Workspace.Characters;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Pins;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Videos;
using System.Security.Cryptography;
using System.Text;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Videos.Drift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Videos;

/// <summary>
/// Makes a video of a pinned character through any <see cref="IElementVideoGenerator"/>: reserve the price
/// table's estimate (per second), call the provider with the pin's frontal image and references, store the
/// file, then charge the actual cost; on failure refund and record the video as failed rather than throw. Each
/// request is claimed in the database first, so the same request made twice (or at once elsewhere) is paid once, and
/// a provider that keeps its calls (<see cref="IResumableVideoGenerator"/>, fal's queue) has the request's token recorded
/// the moment it takes it: a video cut off by a dead node, or by a status read that failed, is collected by the takeover
/// (a re-run, another node, the job's next firing, <c>likeness doctor</c>), never sent again. A made video is then followed frame by frame against its character (<see cref="MadeVideoChecker"/>).
/// </summary>
public sealed class VideoRunner(
    IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, CharacterCatalog characters, PaidCall paid, IAssetStore assets, MadeVideoChecker checker,
    TimeProvider time, ILogger<VideoRunner> log)
{
    private readonly ILogger _log = log;

    /// <summary>
    /// Makes one video of <paramref name="pin"/> at <paramref name="provider"/>, charged to <paramref name="payer"/>'s
    /// credits too when given (a member who asked through the server).
    /// </summary>
    public Task<Video> GenerateAsync(
        Pin pin, string provider, string prompt, int durationSeconds = 5, string aspectRatio = "16:9", Payer? payer = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(pin, provider, prompt, durationSeconds, aspectRatio, withReferences: true, payer, cancellationToken);

    /// <summary>
    /// Makes one video of <paramref name="pin"/> at <paramref name="provider"/>; without <paramref name="withReferences"/>
    /// from its frontal image alone (seed 003's comparison "with and without references"), a request of its own.
    /// </summary>
    public async Task<Video> GenerateAsync(
        Pin pin, string provider, string prompt, int durationSeconds, string aspectRatio, bool withReferences, Payer? payer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        IElementVideoGenerator generator = providers.Require<IElementVideoGenerator>(provider);
        ProviderDescriptor descriptor = providers.Describe(provider);
        Video video = Video.Create(pin.CharacterId, pin.Id, descriptor.Name, prompt, durationSeconds, aspectRatio, time);
        decimal estimate = Estimate(descriptor.Name, durationSeconds);
        var character = await characters.GetAsync(pin.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(pin.CharacterId, cancellationToken).ConfigureAwait(false);
        ReferenceImage frontal = references.FirstOrDefault(r => r.Id == pin.FrontalReferenceId)
            ?? throw new RuleViolationException($"Pin {pin.Id} names a frontal reference that no longer exists; pin the character again.");
        var others = withReferences ? pin.ReferenceIds.Select(id => references.FirstOrDefault(r => r.Id == id)).OfType<ReferenceImage>().ToList() : [];

        // One claim per request: the same pin, provider, prompt, length and shape made again (or at once elsewhere)
        // reuses the video instead of paying for it twice.
        string claimKey = $"video:{pin.Id:N}{(withReferences ? "" : ":frontal")}:{descriptor.Name}:{durationSeconds}:{aspectRatio}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt)))}";
        while (true)
        {
            await using ClaimTicket claim = await paid.Claims.AcquireAsync(claimKey, ClaimKind.Video, character.ProjectId, descriptor.Name, cancellationToken).ConfigureAwait(false);
            if (!claim.IsHeld)
            {
                return await GetAsync(claim.SubjectId, cancellationToken).ConfigureAwait(false);
            }

            if (claim.Resumed)
            {
                // Its owner stopped: finish or fail what it recorded, never send it again. A failure the provider billed
                // (its result expired before it was collected) is the answer; any other failed claim is claimed afresh.
                Video? settled = await ResumeAsync(claim, cancellationToken).ConfigureAwait(false);
                if (settled is { Status: VideoStatus.Succeeded } or { Status: VideoStatus.Failed, CostUsd: > 0 })
                {
                    return settled;
                }

                continue;
            }

            ClaimTicket held = claim;
            PaidSteps<VideoResult> steps = Steps(video, async ct =>
            {
                IReadOnlyList<ReferencePhoto> photos = await characters.PhotosAsync([frontal, .. others], ct).ConfigureAwait(false);
                // The provider's resume token is recorded the moment it exists, so a stopped process's video is collected, not sent again.
                var request = new ElementVideoRequest(character.TriggerToken, video.Prompt, photos[0], [.. photos.Skip(1)], durationSeconds, aspectRatio)
                {
                    Submitted = token => paid.Claims.RecordJobAsync(held, token, CancellationToken.None),
                };
                return await generator.GenerateVideoAsync(request, ct).ConfigureAwait(false);
            });
            ProviderException? failure = await paid.RunAsync(claim, video.Id, estimate, $"video {character.Name} at {descriptor.Name}", steps, payer, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                WorkspaceLog.VideoFailed(_log, video.Id, descriptor.Name, failure.Message);
                return video;
            }

            return await checker.CheckAsync(video, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What <paramref name="durationSeconds"/> of video at <paramref name="provider"/> is expected to cost (the amount reserved before the call), in USD.</summary>
    public decimal Estimate(string provider, int durationSeconds)
    {
        ProviderDescriptor descriptor = providers.Describe(provider);
        return descriptor.Prices.EstimateVideo(descriptor.AppFor(ProviderCapabilities.ElementVideo), durationSeconds);
    }

    /// <summary>Settles a video's claim taken over from a process that stopped (see <see cref="PaidCall.ResumeAsync"/>).</summary>
    internal async Task<Video?> ResumeAsync(ClaimTicket claim, CancellationToken cancellationToken)
    {
        Video? video = claim.SubjectId is { } id ? await FindAsync(id, cancellationToken).ConfigureAwait(false) : null;
        PaidSteps<VideoResult> steps = video is null
            ? new PaidSteps<VideoResult>(_ => Task.CompletedTask, _ => throw new InvalidOperationException("not called"), r => r.ProviderRequestId, r => Task.FromResult(r.CostUsd), _ => { }, (_, _) => Task.CompletedTask)
            : Steps(video, _ => throw new InvalidOperationException("A resumed video is never sent again."));
        if (!await paid.ResumeAsync(claim, providers.Describe(claim.Provider).Simulated, steps).ConfigureAwait(false))
        {
            await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
            throw new RuleViolationException(
                $"A video at {claim.Provider} was sent by a process that stopped before it answered, and {claim.Provider} cannot be asked what became of it; it is not sent again. Check the provider's dashboard, then run `likeness doctor`.");
        }

        return video;
    }

    private PaidSteps<VideoResult> Steps(Video video, Func<CancellationToken, Task<VideoResult>> call) => new(
        ct => SaveAsync(video, added: true, ct),
        call,
        result => result.ProviderRequestId,
        async result =>
        {
            AssetRef asset = await assets.PutAsync(result.Bytes, result.ContentType, CancellationToken.None).ConfigureAwait(false);
            video.Succeed(asset.Sha256, result.ContentType, result.DurationSeconds, result.ProviderRequestId, result.Latency.TotalMilliseconds, result.CostUsd, result.Simulated, time);
            return result.CostUsd;
        },
        db => db.Videos.Update(video),
        (reason, billedUsd) =>
        {
            if (video.Status != VideoStatus.Pending)
            {
                return Task.CompletedTask;
            }

            video.Fail(reason, billedUsd, time);
            return SaveAsync(video, added: false, CancellationToken.None);
        })
    {
        Resume = providers.Get(video.Provider) is IResumableVideoGenerator resumable ? token => resumable.ResumeVideoAsync(token, video.DurationSeconds, CancellationToken.None) : null,
    };

    private async Task<Video> GetAsync(Guid? id, CancellationToken cancellationToken) =>
        (id is { } videoId ? await FindAsync(videoId, cancellationToken).ConfigureAwait(false) : null)
            ?? throw new RuleViolationException("The video another process made for this request is gone.");

    private async Task<Video?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Videos.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The video with this id or unique id prefix.</summary>
    /// <exception cref="NotFoundException">No such video.</exception>
    public async Task<Video> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        await using LikenessDbContext db = database.CreateDbContext();
        List<Video> videos = await db.Videos.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return IdPrefix.Unique(videos, v => v.Id, idOrPrefix, EntityKind.Video, null)
            ?? throw new NotFoundException(EntityKind.Video, idOrPrefix, $"No video '{idOrPrefix}'.");
    }

    /// <summary>The character's videos, oldest first.</summary>
    public async Task<IReadOnlyList<Video>> ListAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.Videos.AsNoTracking().Where(v => v.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(v => v.CreatedAt).ToList();
    }

    private async Task SaveAsync(Video video, bool added, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        if (added)
        {
            db.Videos.Add(video);
        }
        else
        {
            db.Videos.Update(video);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
