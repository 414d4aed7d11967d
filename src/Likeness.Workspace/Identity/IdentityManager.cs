using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Identity;

/// <summary>
/// Makes identity models: registers an instant identity at reference providers, or trains one at trainers.
/// A training is recorded with the provider's job id before it is awaited, so it can be resumed after a
/// crash; its outputs are copied into the asset store the moment it succeeds (providers delete them).
/// </summary>
public sealed class IdentityManager(IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, CharacterCatalog characters, LedgerBook ledger, IAssetStore assets, TimeProvider time)
{
    /// <summary>Poll interval while waiting for a training.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Creates the next version of the character's identity at <paramref name="provider"/>.</summary>
    public Task<IdentityModel> CreateAsync(
        Character character, string provider, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CreateAsync(character, provider, kind: null, progress, cancellationToken);

    /// <summary>
    /// Creates the next version of the character's identity at <paramref name="provider"/> of the given
    /// <paramref name="kind"/> (trained or reference); null trains where the provider can.
    /// </summary>
    public async Task<IdentityModel> CreateAsync(
        Character character, string provider, IdentityModelKind? kind, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ProviderDescriptor descriptor = providers.Describe(provider);

        // A provider listed without a client says so before any rule about its references does.
        _ = providers.Get(provider);
        if (kind is not (null or IdentityModelKind.Trained or IdentityModelKind.Reference))
        {
            throw new InvalidInputException($"Only trained and reference identities are made here, not {kind}.", "kind");
        }
        IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        if (references.Count < descriptor.Limits.MinReferences)
        {
            throw new RuleViolationException($"{character.Name} has {references.Count} reference(s); {descriptor.DisplayName} needs at least {descriptor.Limits.MinReferences}.", DomainRules.ReferencesRequired) { Character = character.Name };
        }

        references = [.. references.Take(descriptor.Limits.MaxReferences)];
        int version = await NextVersionAsync(character.Id, descriptor.Name, cancellationToken).ConfigureAwait(false);
        if (kind == IdentityModelKind.Trained && !descriptor.Capabilities.HasFlag(ProviderCapabilities.Training))
        {
            throw new RuleViolationException($"{descriptor.DisplayName} cannot train an identity.");
        }

        if (kind != IdentityModelKind.Reference && descriptor.Capabilities.HasFlag(ProviderCapabilities.Training))
        {
            return await TrainAsync(character, providers.Require<IIdentityTrainer>(provider), references, version, progress, cancellationToken).ConfigureAwait(false);
        }

        if (!descriptor.Capabilities.HasFlag(ProviderCapabilities.ReferenceGeneration))
        {
            throw new RuleViolationException($"{descriptor.DisplayName} can neither train nor generate from references.");
        }

        // Registering needs no call, but an identity that could never generate must not be recorded as ready.
        _ = providers.Require<IReferenceImageGenerator>(provider);

        IdentityModel model = IdentityModel.CreateReady(character.Id, IdentityModelKind.Reference, descriptor.Name, version, [.. references.Select(r => r.Id)], [], time);
        await using LikenessDbContext db = database.CreateDbContext();
        db.IdentityModels.Add(model);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>Picks up a training recorded as in progress (after a restart) and follows it to the end.</summary>
    public async Task<IdentityModel> ResumeAsync(Guid identityModelId, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        IdentityModel model = await GetAsync(identityModelId, cancellationToken).ConfigureAwait(false);
        if (model.Status != IdentityModelStatus.Training || model.ProviderJobId is null)
        {
            return model;
        }

        var trainer = providers.Require<IIdentityTrainer>(model.Provider);
        TrainingOperation operation = await trainer.ResumeTrainingAsync(model.ProviderJobId, cancellationToken).ConfigureAwait(false);
        Character character = await characters.GetAsync(model.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
        return await FinishAsync(character, model.Id, operation, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The models of a character, newest first.</summary>
    public async Task<IReadOnlyList<IdentityModel>> ListAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.IdentityModels.AsNoTracking().Where(m => m.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(m => m.CreatedAt).ToList();
    }

    /// <summary>The newest ready model of the character at the provider, or null.</summary>
    public async Task<IdentityModel?> LatestReadyAsync(Guid characterId, string provider, CancellationToken cancellationToken = default) =>
        (await ListAsync(characterId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(m => m.Status == IdentityModelStatus.Ready && m.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase));

    /// <summary>One model.</summary>
    public async Task<IdentityModel> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.IdentityModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Identity, id.ToString(), $"No identity model {id}.");
    }

    private async Task<IdentityModel> TrainAsync(
        Character character, IIdentityTrainer trainer, IReadOnlyList<ReferenceImage> references, int version,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ProviderDescriptor descriptor = providers.Describe(trainer.Descriptor.Name);
        decimal estimate = descriptor.Prices.EstimateTraining(descriptor.AppFor(ProviderCapabilities.Training));
        LedgerEntry reservation = await ledger.ReserveAsync(character.ProjectId, estimate, null, $"training {character.Name} at {descriptor.Name}", cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, string> { ["steps"] = "1000", ["trigger_word"] = character.TriggerToken };
        TrainingOperation operation;
        try
        {
            IReadOnlyList<ReferencePhoto> photos = await characters.PhotosAsync(references, cancellationToken).ConfigureAwait(false);

            operation = await trainer.StartTrainingAsync(new TrainingRequest(character.TriggerToken, character.TriggerToken, photos, parameters), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ledger.RefundAsync(character.ProjectId, reservation.ReservationId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        IdentityModel model = IdentityModel.StartTraining(character.Id, descriptor.Name, version, null, [.. references.Select(r => r.Id)], parameters, operation.Id, reservation.ReservationId, time);
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            db.IdentityModels.Add(model);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync(character, model.Id, operation, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IdentityModel> FinishAsync(
        Character character, Guid modelId, TrainingOperation operation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingStatus status = TrainingStatus.Succeeded;
        try
        {
            await operation.WaitForCompletionAsync(PollInterval, time, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (TrainingFailedException failed)
        {
            // Recorded as failed and refunded below; the caller reads the model's status.
            status = failed.TrainingStatus;
        }

        var artifacts = new List<IdentityArtifact>();
        decimal cost = 0;
        if (status == TrainingStatus.Succeeded)
        {
            TrainedIdentity trained = operation.Value;
            cost = trained.CostUsd;
            foreach (TrainedFile file in trained.Files)
            {
                AssetRef asset = await assets.PutAsync(file.Bytes, file.Name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream", cancellationToken).ConfigureAwait(false);
                artifacts.Add(new IdentityArtifact { Kind = file.Kind, Name = file.Name, Sha256 = asset.Sha256, SizeBytes = asset.SizeBytes, SourceUri = file.SourceUri?.ToString() });
            }

            if (trained.ProviderModelId is { } modelRef)
            {
                artifacts.Add(new IdentityArtifact { Kind = IdentityArtifactKind.ProviderModel, Name = modelRef });
            }
        }

        await using LikenessDbContext db = database.CreateDbContext();
        IdentityModel model = await db.IdentityModels.SingleAsync(m => m.Id == modelId, cancellationToken).ConfigureAwait(false);
        if (status == TrainingStatus.Succeeded)
        {
            model.MarkReady(artifacts, cost, time);
        }
        else
        {
            model.MarkFailed(operation.FailureReason ?? status.ToString(), cost, time);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (model.ReservationId is { } id)
        {
            await (status == TrainingStatus.Succeeded
                ? ledger.CommitAsync(character.ProjectId, id, cost, cancellationToken)
                : ledger.RefundAsync(character.ProjectId, id, cancellationToken)).ConfigureAwait(false);
        }

        return model;
    }

    private async Task<int> NextVersionAsync(Guid characterId, string provider, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var versions = await db.IdentityModels.Where(m => m.CharacterId == characterId && m.Provider == provider).Select(m => m.Version).ToListAsync(cancellationToken).ConfigureAwait(false);
        return versions.Count == 0 ? 1 : versions.Max() + 1;
    }
}
