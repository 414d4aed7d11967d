using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Shots;

/// <summary>
/// Runs a shot end to end: serve it from the cache when the same request was already made, else reserve its
/// estimated cost, call the provider, store the images, charge the actual cost (or refund on failure) and
/// score the identity. A failed call is recorded as a failed shot, not thrown.
/// </summary>
public sealed class ShotRunner(IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, CharacterCatalog characters, LedgerBook ledger, IAssetStore assets, FaceEngineSource faces, TimeProvider time, ILogger<ShotRunner> log)
{
    private readonly ILogger _log = log;

    /// <summary>Generates (or fetches from the cache) one shot of <paramref name="character"/> with <paramref name="identity"/>.</summary>
    public async Task<ShotOutcome> GenerateAsync(
        Character character, IdentityModel identity, ShotRequest request, bool useCache = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (identity.Status != IdentityModelStatus.Ready)
        {
            throw new RuleViolationException($"Identity model v{identity.Version} at {identity.Provider} is {identity.Status.ToString().ToLowerInvariant()}, not ready.", DomainRules.IdentityNotReady);
        }

        string key = ShotCacheKey.Compute(identity.Id, identity.Version, identity.Provider, request);
        if (useCache && await FindCachedAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return new ShotOutcome(cached, FromCache: true);
        }

        ProviderDescriptor descriptor = providers.Describe(identity.Provider);
        ProviderCapabilities capability = identity.Kind == IdentityModelKind.Trained ? ProviderCapabilities.TrainedGeneration : ProviderCapabilities.ReferenceGeneration;
        decimal estimate = descriptor.Prices.EstimateImages(descriptor.AppFor(capability), request.Width, request.Height, request.Count);
        Shot shot = Shot.Create(character.Id, identity.Id, identity.Provider, request, key, time);
        IReadOnlyList<ReferenceImage> references = [];
        ProviderException? failure = await PaidCall.RunAsync(
            ledger, character.ProjectId, shot.Id, estimate, $"shot {character.Name} at {identity.Provider}",
            ct => SaveAsync(shot, added: true, ct),
            async ct =>
            {
                references = await characters.ReferencesAsync(character.Id, ct).ConfigureAwait(false);
                return await CallAsync(character, identity, references, request, capability, ct).ConfigureAwait(false);
            },
            async result =>
            {
                var stored = new List<string>();
                foreach (GeneratedImage image in result.Images)
                {
                    stored.Add((await assets.PutAsync(image.Bytes, image.ContentType, CancellationToken.None).ConfigureAwait(false)).Sha256);
                }

                shot.Succeed(stored, result.ProviderRequestId, result.Latency.TotalMilliseconds, result.CostUsd, result.Simulated, result.Metadata, time);
                shot.SetScores(new ShotScorer(faces.Engine).Score(result.Images[0].Bytes.Span, references, CancellationToken.None));
                await SaveAsync(shot, added: false, CancellationToken.None).ConfigureAwait(false);
                return result.CostUsd;
            },
            reason =>
            {
                shot.Fail(reason, null, time);
                return SaveAsync(shot, added: false, CancellationToken.None);
            },
            cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            WorkspaceLog.ShotFailed(_log, shot.Id, identity.Provider, failure.Message);
        }

        return new ShotOutcome(shot, FromCache: false);
    }

    /// <summary>The character's shots, oldest first.</summary>
    public async Task<IReadOnlyList<Shot>> ListAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.Shots.AsNoTracking().Where(s => s.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(s => s.CreatedAt).ToList();
    }

    private async Task<GenerationResult> CallAsync(
        Character character, IdentityModel identity, IReadOnlyList<ReferenceImage> references, ShotRequest request, ProviderCapabilities capability, CancellationToken cancellationToken)
    {
        string key = character.TriggerToken;
        if (capability == ProviderCapabilities.TrainedGeneration)
        {
            var weights = identity.Artifacts
                .Where(a => a.Kind == IdentityArtifactKind.Weights)
                .Select(a => new TrainedWeights(a.Sha256, a.SourceUri is null ? null : new Uri(a.SourceUri), ct => assets.OpenReadAsync(a.Sha256, ct)))
                .ToList();
            return await providers.Require<ITrainedIdentityGenerator>(identity.Provider)
                .GenerateWithIdentityAsync(new TrainedGenerationRequest(key, request, weights), cancellationToken).ConfigureAwait(false);
        }

        var chosen = references.Where(r => identity.ReferenceIds.Contains(r.Id)).ToList();
        IReadOnlyList<ReferencePhoto> photos = await characters.PhotosAsync(chosen.Count > 0 ? chosen : references, cancellationToken).ConfigureAwait(false);

        return await providers.Require<IReferenceImageGenerator>(identity.Provider)
            .GenerateFromReferencesAsync(new ReferenceGenerationRequest(key, request, photos), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Shot?> FindCachedAsync(string key, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var hits = await db.Shots.AsNoTracking().Where(s => s.CacheKey == key && s.Status == ShotStatus.Succeeded).ToListAsync(cancellationToken).ConfigureAwait(false);
        return hits.OrderByDescending(s => s.CreatedAt).FirstOrDefault();
    }

    private async Task SaveAsync(Shot shot, bool added, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        if (added)
        {
            db.Shots.Add(shot);
        }
        else
        {
            db.Shots.Update(shot);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
