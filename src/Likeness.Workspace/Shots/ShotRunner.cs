using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Dino;
using Likeness.Workspace.Faces;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots.Listing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Shots;

/// <summary>
/// Runs a shot end to end: serve it from the cache when the same request was already made, else reserve its
/// estimated cost, call the provider, store the images, charge the actual cost (or refund on failure) and
/// score the identity (a shot the provider's moderation filtered is kept unscored). A failed call is recorded as a
/// failed shot, not thrown; a call whose provider has the job but cannot be asked about it now (a passing failure) is
/// thrown with its claim kept, and asking again collects it. Each cache key is claimed in the database first (<see cref="ClaimBook"/>), so identical
/// requests from any process make one paid call.
/// </summary>
public sealed class ShotRunner(
    IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, CharacterCatalog characters, PaidCall paid, IAssetStore assets, FaceEngineSource faces, DinoEngineSource dino,
    ClipEngineSource clip, TimeProvider time, ILogger<ShotRunner> log)
{
    private readonly ILogger _log = log;

    /// <summary>
    /// Generates (or fetches from the cache) one shot of <paramref name="character"/> with <paramref name="identity"/>;
    /// a paid call is charged to <paramref name="payer"/>'s credits too, when given (a cached shot costs nothing).
    /// Without the cache, <paramref name="attempt"/> names the fresh shot (a batch job's id and index): asking again with
    /// the same attempt, after a crash or on another node, returns the shot it made instead of paying for another.
    /// </summary>
    public async Task<ShotOutcome> GenerateAsync(
        Character character, IdentityModel identity, ShotRequest request, bool useCache = true, Payer? payer = null, string? attempt = null,
        CancellationToken cancellationToken = default)
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

        ProviderCapabilities capability = ShotPrice.CapabilityOf(identity.Kind);
        if (request.Companions.Count > 0)
        {
            RequireMultiCharacter(character, identity, request, capability);
        }

        decimal estimate = Estimate(identity, request);

        // One claim per cache key: identical requests anywhere on this database wait for it and reuse its shot. A
        // request that skips the cache asks for a new shot on purpose, so it claims a key of its own (its attempt's, when named).
        string claimKey = useCache ? $"shot:{key}" : $"shot:{key}:{attempt ?? Guid.NewGuid().ToString("N")}";
        while (true)
        {
            await using ClaimTicket claim = await paid.Claims.AcquireAsync(claimKey, ClaimKind.Shot, character.ProjectId, identity.Provider, cancellationToken).ConfigureAwait(false);
            if (!claim.IsHeld)
            {
                return new ShotOutcome(await GetAsync(claim.SubjectId, cancellationToken).ConfigureAwait(false), FromCache: true);
            }

            if (claim.Resumed)
            {
                // Its owner stopped: finish or fail what it recorded, never send it again. A failure the provider billed
                // (its result expired before it was collected) is the answer; any other failed claim is claimed afresh.
                Shot? settled = await ResumeAsync(claim, cancellationToken).ConfigureAwait(false);
                if (settled is { Status: ShotStatus.Succeeded or ShotStatus.Moderated })
                {
                    return new ShotOutcome(settled, FromCache: true);
                }

                if (settled is { Status: ShotStatus.Failed, CostUsd: > 0 })
                {
                    return new ShotOutcome(settled, FromCache: false) { Failure = new ProviderException(settled.Provider, settled.Error ?? "The provider billed a call that failed.") { ChargedUsd = settled.CostUsd } };
                }

                continue;
            }

            Shot shot = Shot.Create(character.Id, identity.Id, identity.Provider, request, key, time);
            IReadOnlyList<ReferenceImage> references = [];
            ClaimTicket held = claim;
            PaidSteps<GenerationResult> steps = Steps(shot, () => Task.FromResult(references), async ct =>
            {
                references = await characters.ReferencesAsync(character.Id, ct).ConfigureAwait(false);
                // The provider's resume token is recorded the moment it exists, so a stopped process's call is collected, not sent again.
                return await CallAsync(character, identity, references, request, capability, token => paid.Claims.RecordJobAsync(held, token, CancellationToken.None), ct).ConfigureAwait(false);
            });
            ProviderException? failure = await paid.RunAsync(claim, shot.Id, estimate, $"shot {character.Name} at {identity.Provider}", steps, payer, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                WorkspaceLog.ShotFailed(_log, shot.Id, identity.Provider, failure.Message);
            }

            return new ShotOutcome(shot, FromCache: false) { Failure = failure };
        }
    }

    /// <summary>The cheap preview draft of <paramref name="full"/> at the identity's provider (<see cref="Core.Gates.DraftRequest"/>).</summary>
    public ShotRequest Draft(IdentityModel identity, ShotRequest full)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Core.Gates.DraftRequest.For(full, ShotPrice.UnitOf(providers.Describe(identity.Provider), identity.Kind));
    }

    /// <summary>What the provider is expected to charge for <paramref name="request"/> with <paramref name="identity"/>: the amount reserved before the call.</summary>
    public decimal Estimate(IdentityModel identity, ShotRequest request)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(request);
        return ShotPrice.Estimate(providers.Describe(identity.Provider), identity.Kind, request);
    }

    /// <summary>
    /// Settles a shot's claim taken over from a process that stopped (see <see cref="PaidCall.ResumeAsync"/>): returns
    /// the shot as it now stands, or null when it has no row; throws when the provider's outcome is unknown, or when the
    /// provider cannot be asked now (the claim then stays as it stands, released for the next collect).
    /// </summary>
    internal async Task<Shot?> ResumeAsync(ClaimTicket claim, CancellationToken cancellationToken)
    {
        Shot? shot = claim.SubjectId is { } id ? await FindAsync(id, cancellationToken).ConfigureAwait(false) : null;
        PaidSteps<GenerationResult> steps = shot is null
            ? new PaidSteps<GenerationResult>(_ => Task.CompletedTask, _ => throw new InvalidOperationException("not called"), r => r.ProviderRequestId, r => Task.FromResult(r.CostUsd), _ => { }, (_, _) => Task.CompletedTask)
            : Steps(shot, () => characters.ReferencesAsync(shot.CharacterId, CancellationToken.None), _ => throw new InvalidOperationException("A resumed shot is never sent again."));
        bool simulated = providers.Describe(claim.Provider).Simulated;
        if (!await paid.ResumeAsync(claim, simulated, steps).ConfigureAwait(false))
        {
            await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
            throw new RuleViolationException(
                $"A shot at {claim.Provider} was sent by a process that stopped before it answered, and {claim.Provider} cannot be asked what became of it; it is not sent again. Check the provider's dashboard, then run `likeness doctor`.");
        }

        return shot;
    }

    /// <summary>The steps of one shot's paid call: store the images, score them, record success or failure.</summary>
    private PaidSteps<GenerationResult> Steps(Shot shot, Func<Task<IReadOnlyList<ReferenceImage>>> references, Func<CancellationToken, Task<GenerationResult>> call) => new(
        ct => SaveAsync(shot, added: true, ct),
        call,
        result => result.ProviderRequestId,
        async result =>
        {
            var stored = new List<string>();
            foreach (GeneratedImage image in result.Images)
            {
                stored.Add((await assets.PutAsync(image.Bytes, image.ContentType, CancellationToken.None).ConfigureAwait(false)).Sha256);
            }

            if (result.Moderated)
            {
                // Filtered by the provider: paid and kept, never an identity sample.
                shot.Moderate(stored, result.ProviderRequestId, result.Latency.TotalMilliseconds, result.CostUsd, result.Simulated, result.Metadata, time);
                return result.CostUsd;
            }

            shot.Succeed(stored, result.ProviderRequestId, result.Latency.TotalMilliseconds, result.CostUsd, result.Simulated, result.Metadata, time);
            IReadOnlyList<ReferenceImage> known = await references().ConfigureAwait(false);
            DinoReferenceSet? dinoReferences = dino.Engine is { } engine
                ? await DinoReferenceSet.LoadAsync(engine, known, assets, faces.Engine, CancellationToken.None).ConfigureAwait(false)
                : null;
            shot.SetScores(new ShotScorer(faces.Engine, dinoReferences, clip.Engine, shot.Request.Prompt).Score(result.Images[0].Bytes.Span, known, CancellationToken.None));
            return result.CostUsd;
        },
        db => db.Shots.Update(shot),
        (reason, billedUsd) =>
        {
            if (shot.Status != ShotStatus.Pending)
            {
                return Task.CompletedTask;
            }

            shot.Fail(reason, null, billedUsd, time);
            return SaveAsync(shot, added: false, CancellationToken.None);
        })
    {
        Resume = providers.Get(shot.Provider) is IResumableGenerator resumable ? token => resumable.ResumeGenerationAsync(token, shot.Request, CancellationToken.None) : null,
    };

    /// <summary>The shot <paramref name="shotId"/> of <paramref name="characterId"/>; another character's shot is not found.</summary>
    public async Task<Shot> GetAsync(Guid characterId, Guid shotId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Shots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shotId && s.CharacterId == characterId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Shot, shotId.ToString(), $"No shot {shotId} of this character.");
    }

    /// <summary>Records a person's accept or reject of the shot (<see cref="Shot.SetReview"/>); answers the shot as saved.</summary>
    public async Task<Shot> ReviewAsync(Guid characterId, Guid shotId, ShotReview review, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Shot shot = await db.Shots.SingleOrDefaultAsync(s => s.Id == shotId && s.CharacterId == characterId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Shot, shotId.ToString(), $"No shot {shotId} of this character.");
        shot.SetReview(review);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return shot;
    }

    /// <summary>The character's shots, oldest first (then by id, the same order as <see cref="PageAsync"/>).</summary>
    public Task<IReadOnlyList<Shot>> ListAsync(Guid characterId, CancellationToken cancellationToken) => ListAsync(characterId, null, cancellationToken);

    /// <summary>The character's shots that <paramref name="filter"/> keeps (every one when null), oldest first (then by id).</summary>
    public async Task<IReadOnlyList<Shot>> ListAsync(Guid characterId, ShotFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= ShotFilter.None;
        await using LikenessDbContext db = database.CreateDbContext();
        return await filter.Apply(db.Shots.AsNoTracking().Where(s => s.CharacterId == characterId)).InListOrder().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of the character's shots, oldest first (then by id): at most <paramref name="limit"/> that
    /// <paramref name="filter"/> keeps (every one when null) and follow the shot <paramref name="after"/> (from the first
    /// when null), and the last one's id when more follow.
    /// </summary>
    public async Task<ShotPage> PageAsync(Guid characterId, int limit, Guid? after, ShotFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        IQueryable<Shot> query = await ShotOrder.PageAsync(db, characterId, limit, after, filter ?? ShotFilter.None, cancellationToken).ConfigureAwait(false);
        (List<Shot> page, Guid? next) = ShotOrder.Cut(await query.ToListAsync(cancellationToken).ConfigureAwait(false), limit, s => s.Id);
        return new ShotPage(page, next);
    }

    private async Task<GenerationResult> CallAsync(
        Character character, IdentityModel identity, IReadOnlyList<ReferenceImage> references, ShotRequest request, ProviderCapabilities capability,
        Func<string, Task> submitted, CancellationToken cancellationToken)
    {
        string key = character.TriggerToken;
        if (capability == ProviderCapabilities.TrainedGeneration)
        {
            var weights = identity.Artifacts
                .Where(a => a.Kind == IdentityArtifactKind.Weights)
                .Select(a => new TrainedWeights(a.Sha256, a.SourceUri is null ? null : new Uri(a.SourceUri), ct => assets.OpenReadAsync(a.Sha256, ct)))
                .ToList();
            List<string> models = [.. identity.Artifacts.Where(a => a.Kind == IdentityArtifactKind.ProviderModel).Select(a => a.Name)];
            return await providers.Require<ITrainedIdentityGenerator>(identity.Provider)
                .GenerateWithIdentityAsync(new TrainedGenerationRequest(key, request, weights) { ProviderModelIds = models, Submitted = submitted }, cancellationToken).ConfigureAwait(false);
        }

        var chosen = references.Where(r => identity.ReferenceIds.Contains(r.Id)).ToList();
        IReadOnlyList<ReferencePhoto> photos = await characters.PhotosAsync(chosen.Count > 0 ? chosen : references, cancellationToken).ConfigureAwait(false);
        var companions = new List<CompanionPhotos>();
        foreach (Guid id in request.Companions)
        {
            Character companion = await characters.GetAsync(character.ProjectId, id.ToString(), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ReferenceImage> theirs = await characters.ReferencesAsync(id, cancellationToken).ConfigureAwait(false);
            companions.Add(new CompanionPhotos(companion.TriggerToken, await characters.PhotosAsync(theirs, cancellationToken).ConfigureAwait(false)));
        }

        return await providers.Require<IReferenceImageGenerator>(identity.Provider)
            .GenerateFromReferencesAsync(new ReferenceGenerationRequest(key, request, photos) { Companions = companions, Submitted = submitted }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A multi-character shot is refused before any money moves where the provider cannot make one.</summary>
    private void RequireMultiCharacter(Character character, IdentityModel identity, ShotRequest request, ProviderCapabilities capability)
    {
        if (request.Companions.Contains(character.Id))
        {
            throw new InvalidInputException($"{character.Name} cannot be its own companion in a shot.", "companions");
        }

        if (capability != ProviderCapabilities.ReferenceGeneration || !providers.Describe(identity.Provider).Capabilities.HasFlag(ProviderCapabilities.MultiCharacter))
        {
            throw new RuleViolationException(
                $"{identity.Provider} cannot put several characters in one shot (multi-character reference generation); use a provider that can, or one character a shot.",
                DomainRules.MultiCharacter)
            { Character = character.Name };
        }
    }

    private async Task<Shot> GetAsync(Guid? id, CancellationToken cancellationToken) =>
        (id is { } shotId ? await FindAsync(shotId, cancellationToken).ConfigureAwait(false) : null)
            ?? throw new RuleViolationException("The shot another process made for this request is gone.");

    private async Task<Shot?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Shots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Shot?> FindCachedAsync(string key, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var hits = await db.Shots.AsNoTracking().Where(s => s.CacheKey == key && (s.Status == ShotStatus.Succeeded || s.Status == ShotStatus.Moderated)).ToListAsync(cancellationToken).ConfigureAwait(false);
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
