using Likeness.Workspace.Characters;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Costs;
using Likeness.Core.Pins;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Videos;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Videos;

/// <summary>
/// Makes a video of a pinned character through any <see cref="IElementVideoGenerator"/>: reserve the price
/// table's estimate (per second), call the provider with the pin's frontal image and references, store the
/// file, then charge the actual cost; on failure refund and record the video as failed rather than throw.
/// </summary>
public sealed class VideoRunner(IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, CharacterCatalog characters, LedgerBook ledger, IAssetStore assets, TimeProvider time, ILogger<VideoRunner> log)
{
    private readonly ILogger _log = log;

    /// <summary>Makes one video of <paramref name="pin"/> at <paramref name="provider"/>.</summary>
    public async Task<Video> GenerateAsync(
        Pin pin, string provider, string prompt, int durationSeconds = 5, string aspectRatio = "16:9", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        IElementVideoGenerator generator = providers.Require<IElementVideoGenerator>(provider);
        ProviderDescriptor descriptor = providers.Describe(provider);
        Video video = Video.Create(pin.CharacterId, pin.Id, descriptor.Name, prompt, durationSeconds, aspectRatio, time);
        decimal estimate = descriptor.Prices.EstimateVideo(descriptor.AppFor(ProviderCapabilities.ElementVideo), durationSeconds);
        var character = await characters.GetAsync(pin.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(pin.CharacterId, cancellationToken).ConfigureAwait(false);
        ReferenceImage frontal = references.FirstOrDefault(r => r.Id == pin.FrontalReferenceId)
            ?? throw new RuleViolationException($"Pin {pin.Id} names a frontal reference that no longer exists; pin the character again.");
        var others = pin.ReferenceIds.Select(id => references.FirstOrDefault(r => r.Id == id)).OfType<ReferenceImage>().ToList();

        ProviderException? failure = await PaidCall.RunAsync(
            ledger, character.ProjectId, video.Id, estimate, $"video {character.Name} at {descriptor.Name}",
            ct => SaveAsync(video, added: true, ct),
            async ct =>
            {
                IReadOnlyList<ReferencePhoto> photos = await characters.PhotosAsync([frontal, .. others], ct).ConfigureAwait(false);
                var request = new ElementVideoRequest(character.TriggerToken, video.Prompt, photos[0], [.. photos.Skip(1)], durationSeconds, aspectRatio);
                return await generator.GenerateVideoAsync(request, ct).ConfigureAwait(false);
            },
            async result =>
            {
                AssetRef asset = await assets.PutAsync(result.Bytes, result.ContentType, CancellationToken.None).ConfigureAwait(false);
                video.Succeed(asset.Sha256, result.ContentType, result.DurationSeconds, result.ProviderRequestId, result.Latency.TotalMilliseconds, result.CostUsd, result.Simulated, time);
                await SaveAsync(video, added: false, CancellationToken.None).ConfigureAwait(false);
                return result.CostUsd;
            },
            reason =>
            {
                video.Fail(reason, time);
                return SaveAsync(video, added: false, CancellationToken.None);
            },
            cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            WorkspaceLog.VideoFailed(_log, video.Id, descriptor.Name, failure.Message);
        }

        return video;
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
