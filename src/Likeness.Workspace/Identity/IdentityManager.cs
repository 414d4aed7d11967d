using System.Security.Cryptography;
using System.Text;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Costs;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.TrainingSets;
using Likeness.Core.TrainingSets;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Identity;

/// <summary>
/// Makes identity models: registers an instant identity at reference providers, or trains one at trainers.
/// A training is recorded with the provider's job id before it is awaited, so it can be resumed after a
/// crash; its outputs are copied into the asset store the moment it succeeds (providers delete them). Each
/// creation is claimed in the database first, so requests racing for the same next version make one identity, and
/// a request identical to a creation still under way joins it.
/// </summary>
public sealed class IdentityManager(
    IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, CharacterCatalog characters, LedgerBook ledger, PaidCall paid, IAssetStore assets,
    TrainingSetInspector lint, TimeProvider time)
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
    public Task<IdentityModel> CreateAsync(
        Character character, string provider, IdentityModelKind? kind, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(character, provider, new IdentityCreation { Kind = kind }, listedNext: null, progress, follow: true, cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(Character, string, IdentityModelKind?, IProgress{TrainingProgress}?, CancellationToken)"/>; a training
    /// whose set scores below the minimum (<see cref="TrainingSetInspector"/>) goes ahead when <paramref name="ignoreLint"/>
    /// is set, and the override is recorded in the identity's parameters.
    /// </summary>
    public Task<IdentityModel> CreateAsync(
        Character character, string provider, IdentityModelKind? kind, bool ignoreLint, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(character, provider, new IdentityCreation { Kind = kind, IgnoreLint = ignoreLint }, listedNext: null, progress, follow: true, cancellationToken);

    /// <summary>
    /// Creates the next version of the character's identity at <paramref name="provider"/> as <paramref name="creation"/>
    /// asks (its kind, training parameters, lint override, payer, or the retrain it is), and follows a training to its end.
    /// </summary>
    public Task<IdentityModel> CreateAsync(
        Character character, string provider, IdentityCreation creation, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(character, provider, creation, listedNext: null, progress, follow: true, cancellationToken);

    /// <summary>As <see cref="StartAsync(Character, string, IdentityModelKind?, Payer?, CancellationToken)"/>, as <paramref name="creation"/> asks.</summary>
    public Task<IdentityModel> StartAsync(Character character, string provider, IdentityCreation creation, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(character, provider, creation, listedNext: null, progress: null, follow: false, cancellationToken);

    /// <summary>
    /// Starts the next version of the character's identity at <paramref name="provider"/> without waiting for it: a
    /// training comes back recorded with its provider job id and still training (its claim given up, so whichever
    /// process or node calls <see cref="AdvanceAsync"/> next follows it); a reference identity comes back ready. A
    /// start repeated after a crash finds the first one's claim and its job instead of submitting again.
    /// </summary>
    /// <remarks>A paid training is charged to <paramref name="payer"/>'s credits too, when given (a member who asked through the server).</remarks>
    public Task<IdentityModel> StartAsync(Character character, string provider, IdentityModelKind? kind, Payer? payer = null, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(character, provider, new IdentityCreation { Kind = kind, Payer = payer }, listedNext: null, progress: null, follow: false, cancellationToken);

    /// <summary>
    /// Asks the provider once about a training recorded as in progress and, when it has ended, collects it as
    /// <see cref="ResumeAsync"/> would (charge or refund, claim settled). Null progress when nothing was asked: the
    /// model is not training, or another process holds its claim at this moment (it is following it).
    /// </summary>
    public async Task<(IdentityModel Model, TrainingProgress? Progress)> AdvanceAsync(Guid identityModelId, CancellationToken cancellationToken = default)
    {
        IdentityModel model = await GetAsync(identityModelId, cancellationToken).ConfigureAwait(false);
        if (model.Status != IdentityModelStatus.Training || model.ProviderJobId is null)
        {
            return (model, null);
        }

        ClaimTicket? claim = null;
        if (await paid.Claims.FindBySubjectAsync(model.Id, cancellationToken).ConfigureAwait(false) is { State: ClaimState.Submitted } row)
        {
            claim = paid.Claims.IsLive(row) ? null : await paid.Claims.TryTakeAsync(row, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                return (model, null);
            }
        }

        string jobId = model.ProviderJobId;
        await using (claim)
        {
            TrainingOperation operation = await FollowAsync(claim, async () =>
            {
                TrainingOperation resumed = await providers.Require<IIdentityTrainer>(model.Provider).ResumeTrainingAsync(jobId, cancellationToken).ConfigureAwait(false);
                await resumed.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
                return resumed;
            }).ConfigureAwait(false);
            var progress = new TrainingProgress(operation.Status, operation.Progress, operation.Logs.Count > 0 ? operation.Logs[^1] : null);
            if (!operation.HasCompleted)
            {
                if (claim is not null)
                {
                    await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
                }

                return (model, progress);
            }

            Character character = await characters.GetAsync(model.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
            return (await FinishAsync(claim, character.ProjectId, model.Id, operation, null, cancellationToken).ConfigureAwait(false), progress);
        }
    }

    /// <summary>Asks the provider to stop a training recorded as in progress (its end is collected by the next advance).</summary>
    public async Task CancelAsync(Guid identityModelId, CancellationToken cancellationToken = default)
    {
        IdentityModel model = await GetAsync(identityModelId, cancellationToken).ConfigureAwait(false);
        if (model.Status == IdentityModelStatus.Training && model.ProviderJobId is { } jobId)
        {
            TrainingOperation operation = await providers.Require<IIdentityTrainer>(model.Provider).ResumeTrainingAsync(jobId, cancellationToken).ConfigureAwait(false);
            await operation.CancelAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The character's <paramref name="kind"/> identity at <paramref name="provider"/>: a ready one, else a training
    /// left running by a stopped process (resumed from its provider job id, never paid for twice), else a new one.
    /// The new one's version is the one after those just listed, so that processes ensuring the same identity at once
    /// claim the same version and make it once, even when one finishes between another's listing and its claim. A new
    /// paid training is charged to <paramref name="payer"/>'s credits too, when given (a study a member started on the server).
    /// </summary>
    public async Task<IdentityModel> EnsureAsync(
        Character character, string provider, IdentityModelKind kind, IProgress<string>? log = null, Payer? payer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<IdentityModel> atProvider = [.. (await ListAsync(character.Id, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase))];
        IReadOnlyList<IdentityModel> models = [.. atProvider.Where(m => m.Kind == kind)];
        if (models.FirstOrDefault(m => m.Status == IdentityModelStatus.Ready) is { } ready)
        {
            return ready;
        }

        if (models.FirstOrDefault(m => m.Status == IdentityModelStatus.Training && m.ProviderJobId is not null) is { } running)
        {
            log?.Report($"{character.Name}: resuming the training at {provider} (job {running.ProviderJobId})");
            return await ResumeAsync(running.Id, null, cancellationToken).ConfigureAwait(false);
        }

        log?.Report($"{character.Name}: making a {kind.ToString().ToLowerInvariant()} identity at {provider}");
        int next = atProvider.Count == 0 ? 1 : atProvider.Max(m => m.Version) + 1;
        return await CreateVersionAsync(character, provider, new IdentityCreation { Kind = kind, Payer = payer }, next, null, follow: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IdentityModel> CreateVersionAsync(
        Character character, string provider, IdentityCreation creation, int? listedNext, IProgress<TrainingProgress>? progress, bool follow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(creation);
        ProviderDescriptor descriptor = providers.Describe(provider);
        IdentityModelKind? kind = creation.Kind;
        bool ignoreLint = creation.IgnoreLint;
        Payer? payer = creation.Payer;
        Guid? parentId = creation.Parent?.Id;

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

        if (creation.ReferenceIds is { } chosen)
        {
            references = [.. references.Where(r => chosen.Contains(r.Id))];
        }

        references = [.. references.Take(descriptor.Limits.MaxReferences)];
        int version = listedNext ?? await NextVersionAsync(character.Id, descriptor.Name, cancellationToken).ConfigureAwait(false);
        if (kind == IdentityModelKind.Trained && !descriptor.Capabilities.HasFlag(ProviderCapabilities.Training))
        {
            throw new RuleViolationException($"{descriptor.DisplayName} cannot train an identity.");
        }

        bool train = kind != IdentityModelKind.Reference && descriptor.Capabilities.HasFlag(ProviderCapabilities.Training);
        var parameters = new Dictionary<string, string> { [TrainingParameters.StepsKey] = "1000", ["trigger_word"] = character.TriggerToken };
        if (train)
        {
            // What the caller asked is checked against the trainer's limits before any money moves, then recorded.
            creation.Parameters.Validate(descriptor);
            creation.Parameters.WriteTo(parameters);
            if (creation.Change is { } change)
            {
                parameters[RetrainLadder.ChangeKey] = change;
            }
        }
        else if (!creation.Parameters.IsEmpty)
        {
            throw new InvalidInputException($"{descriptor.DisplayName} makes a reference identity here, which takes no training parameters.", "steps");
        }

        if (!train)
        {
            if (!descriptor.Capabilities.HasFlag(ProviderCapabilities.ReferenceGeneration))
            {
                throw new RuleViolationException($"{descriptor.DisplayName} can neither train nor generate from references.");
            }

            // Registering needs no call, but an identity that could never generate must not be recorded as ready.
            _ = providers.Require<IReferenceImageGenerator>(provider);
        }

        // A paid training is linted first: a set below the minimum score is refused unless the user overrides it (recorded).
        IReadOnlyList<string>? captions = null;
        if (train && descriptor.Prices.EstimateTraining(descriptor.AppFor(ProviderCapabilities.Training)) > 0)
        {
            TrainingSetInspection inspection = await lint.InspectReferencesAsync(character, descriptor.Name, references, cancellationToken).ConfigureAwait(false);
            TrainingSetReport report = inspection.Report;
            if (!report.Passed && !ignoreLint)
            {
                string worst = string.Join("; ", report.Findings.Take(3).Select(f => f.Description));
                throw new RuleViolationException(
                    $"{character.Name}'s training set scores {report.Score} of 100, below the {report.MinimumScore} a paid training needs ({worst}).",
                    DomainRules.TrainingSetLint) { Character = character.Name };
            }

            if (!report.Passed)
            {
                parameters["lint"] = string.Create(CultureInfo.InvariantCulture, $"ignored: score {report.Score} below {report.MinimumScore}");
            }

            captions = inspection.Captions;
        }

        // Requests racing for the same next version make one identity: the first claims it, the others wait and reuse it.
        // An identical creation still under way has already taken the version before the next one: it is joined, not paid twice.
        string fingerprint = Fingerprint(references, parameters);
        // A retrain attempt is keyed by its parent instead: the same attempt from the same version is made once, whenever asked.
        string ClaimKey(int v) => parentId is { } parent
            ? $"identity:{character.Id:N}:{descriptor.Name}:retrain:{parent:N}:{fingerprint}"
            : $"identity:{character.Id:N}:{descriptor.Name}:v{v}:{(train ? "trained" : "reference")}:{fingerprint}";
        if (listedNext is null && parentId is null && version > 1
            && await paid.Claims.FindAsync(ClaimKey(version - 1), cancellationToken).ConfigureAwait(false) is { State: not (ClaimState.Done or ClaimState.Failed) })
        {
            version--;
        }

        string claimKey = ClaimKey(version);
        while (true)
        {
            await using ClaimTicket claim = await paid.Claims.AcquireAsync(claimKey, ClaimKind.Identity, character.ProjectId, descriptor.Name, cancellationToken).ConfigureAwait(false);
            if (!claim.IsHeld)
            {
                return await GetAsync(claim.SubjectId ?? Guid.Empty, cancellationToken).ConfigureAwait(false);
            }

            if (parentId is not null)
            {
                // Its claim does not name a version: the next one is taken while holding it.
                version = await NextVersionAsync(character.Id, descriptor.Name, cancellationToken).ConfigureAwait(false);
            }

            if (claim.Resumed && await ResumeClaimAsync(claim, character, references, version, parentId, parameters, progress, follow, cancellationToken).ConfigureAwait(false) is { } resumed)
            {
                return resumed;
            }

            if (claim.Resumed)
            {
                continue;
            }

            try
            {
                return train
                    ? await TrainAsync(claim, character, providers.Require<IIdentityTrainer>(provider), references, captions, version, parentId, parameters, progress, follow, payer, cancellationToken).ConfigureAwait(false)
                    : await RegisterAsync(claim, character, descriptor, references, version, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await paid.Claims.FailIfUnsentAsync(claim, ex).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<IdentityModel> RegisterAsync(
        ClaimTicket claim, Character character, ProviderDescriptor descriptor, IReadOnlyList<ReferenceImage> references, int version, CancellationToken cancellationToken)
    {
        IdentityModel model = IdentityModel.CreateReady(character.Id, IdentityModelKind.Reference, descriptor.Name, version, [.. references.Select(r => r.Id)], [], time);
        await using LikenessDbContext db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.IdentityModels.Add(model);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await paid.Claims.SetSubjectInAsync(db, claim, model.Id, done: true, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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

        // The creation's claim, when it has one, is taken along (a live owner is still following the training itself).
        ClaimTicket? claim = null;
        if (await paid.Claims.FindBySubjectAsync(model.Id, cancellationToken).ConfigureAwait(false) is { State: ClaimState.Submitted } row)
        {
            claim = paid.Claims.IsLive(row)
                ? throw new RuleViolationException($"Identity model {model.Id} is being followed by another process; it finishes there.")
                : await paid.Claims.TryTakeAsync(row, cancellationToken).ConfigureAwait(false);
        }

        string jobId = model.ProviderJobId;
        await using (claim)
        {
            var trainer = providers.Require<IIdentityTrainer>(model.Provider);
            TrainingOperation operation = await FollowAsync(claim, () => trainer.ResumeTrainingAsync(jobId, cancellationToken)).ConfigureAwait(false);
            Character character = await characters.GetAsync(model.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(claim, character.ProjectId, model.Id, operation, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The models of a character, newest first.</summary>
    public async Task<IReadOnlyList<IdentityModel>> ListAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.IdentityModels.AsNoTracking().Where(m => m.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(m => m.CreatedAt).ToList();
    }

    /// <summary>
    /// The ready model of the character at the provider that is in use (<see cref="VersionChoice"/>: the best validated
    /// version, else the newest), or null.
    /// </summary>
    public async Task<IdentityModel?> InUseAsync(Guid characterId, string provider, CancellationToken cancellationToken = default) =>
        VersionChoice.InUse((await ListAsync(characterId, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Stores a ready model's validation report.</summary>
    public async Task<IdentityModel> SetValidationAsync(Guid identityModelId, IdentityValidation validation, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        IdentityModel model = await db.IdentityModels.SingleOrDefaultAsync(m => m.Id == identityModelId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Identity, identityModelId.ToString(), $"No identity model {identityModelId}.");
        model.SetValidation(validation);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>The model <paramref name="id"/> of <paramref name="characterId"/>; another character's model is not found.</summary>
    public async Task<IdentityModel> GetAsync(Guid characterId, Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.IdentityModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.CharacterId == characterId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Identity, id.ToString(), $"No identity model {id} of this character.");
    }

    /// <summary>The model trained by provider job <paramref name="providerJobId"/> at <paramref name="provider"/>, or null.</summary>
    public async Task<IdentityModel?> FindByProviderJobAsync(string provider, string providerJobId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.IdentityModels.AsNoTracking().FirstOrDefaultAsync(m => m.Provider == provider && m.ProviderJobId == providerJobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One model.</summary>
    public async Task<IdentityModel> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.IdentityModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Identity, id.ToString(), $"No identity model {id}.");
    }

    private async Task<IdentityModel> TrainAsync(
        ClaimTicket claim, Character character, IIdentityTrainer trainer, IReadOnlyList<ReferenceImage> references, IReadOnlyList<string>? captions, int version,
        Guid? parentId, Dictionary<string, string> parameters, IProgress<TrainingProgress>? progress, bool follow, Payer? payer, CancellationToken cancellationToken)
    {
        ProviderDescriptor descriptor = providers.Describe(trainer.Descriptor.Name);
        decimal estimate = descriptor.Prices.EstimateTraining(descriptor.AppFor(ProviderCapabilities.Training));
        Guid reservationId = await paid.ReserveAsync(claim, null, estimate, $"training {character.Name} at {descriptor.Name}", payer, cancellationToken).ConfigureAwait(false);
        TrainingOperation operation;
        try
        {
            IReadOnlyList<ReferencePhoto> photos = await characters.PhotosAsync(references, cancellationToken).ConfigureAwait(false);
            // The linted set's captions (the user's where given, else written); without a lint, the user's own captions.
            if (captions is not null)
            {
                photos = [.. photos.Zip(captions, (photo, caption) => photo with { Caption = caption })];
            }
            else
            {
                photos = [.. photos.Zip(references, (photo, reference) => photo with { Caption = reference.Caption })];
            }

            // The claim is marked submitted right before the trainer's paid request leaves, after its uploads.
            using (paid.Sending(claim))
            {
                operation = await trainer.StartTrainingAsync(new TrainingRequest(character.TriggerToken, character.TriggerToken, photos, parameters), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (PaidCall.BrokeOffAfterSending(claim, ex, cancellationToken))
        {
            // Sent and unanswered (this process stopping under the call): the provider may be training it, so the claim is
            // released as it stands, and a re-run reports it (ResumeClaimAsync) instead of paying for a second training.
            await paid.Claims.DeferAsync(claim, ex).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            await paid.AbandonAsync(claim, reservationId, ex.Message, (_, _) => Task.CompletedTask).ConfigureAwait(false);
            throw;
        }

        // The job id first: from here on a takeover follows this job and never starts another.
        await paid.Claims.RecordJobAsync(claim, operation.Id, CancellationToken.None).ConfigureAwait(false);
        IdentityModel model = await RecordTrainingAsync(claim, character, descriptor.Name, references, version, parentId, parameters, operation.Id, reservationId).ConfigureAwait(false);
        return follow ? await FinishAsync(claim, character.ProjectId, model.Id, operation, progress, cancellationToken).ConfigureAwait(false) : await LeaveAsync(claim, model).ConfigureAwait(false);
    }

    /// <summary>Saves the model in training with its job id and points the claim at it (one transaction).</summary>
    private async Task<IdentityModel> RecordTrainingAsync(
        ClaimTicket claim, Character character, string provider, IReadOnlyList<ReferenceImage> references, int version, Guid? parentId,
        Dictionary<string, string> parameters, string jobId, Guid reservationId)
    {
        for (int tries = 1; ; tries++)
        {
            IdentityModel model = IdentityModel.StartTraining(character.Id, provider, version, parentId, [.. references.Select(r => r.Id)], parameters, jobId, reservationId, time);
            try
            {
                await using LikenessDbContext db = database.CreateDbContext();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                db.IdentityModels.Add(model);
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                await paid.Claims.SetSubjectInAsync(db, claim, model.Id, done: false, CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return model;
            }
            catch (DbUpdateException) when (parentId is not null && tries < 3)
            {
                // A retrain's claim names no version: a plain creation took this number meanwhile, so the next one is taken.
                version = await NextVersionAsync(character.Id, provider, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A creation's claim taken over from a process that stopped: follows its recorded training job (making the
    /// model row from this request when the owner stopped before saving it), or fails and refunds a creation that
    /// was never sent (its claim still working) or never got a job id at a simulated provider. Null when the claim is
    /// now failed and may be claimed afresh.
    /// </summary>
    private async Task<IdentityModel?> ResumeClaimAsync(
        ClaimTicket claim, Character character, IReadOnlyList<ReferenceImage> references, int version, Guid? parentId,
        Dictionary<string, string> parameters, IProgress<TrainingProgress>? progress, bool follow, CancellationToken cancellationToken)
    {
        if (claim.ProviderJobId is { } jobId && claim.ReservationId is { } reservationId)
        {
            IdentityModel model = claim.SubjectId is { } id
                ? await GetAsync(id, cancellationToken).ConfigureAwait(false)
                : await RecordTrainingAsync(claim, character, claim.Provider, references, version, parentId, parameters, jobId, reservationId).ConfigureAwait(false);
            if (!follow)
            {
                return await LeaveAsync(claim, model).ConfigureAwait(false);
            }

            TrainingOperation operation = await FollowAsync(claim, () => providers.Require<IIdentityTrainer>(claim.Provider).ResumeTrainingAsync(jobId, cancellationToken)).ConfigureAwait(false);
            return await FinishAsync(claim, character.ProjectId, model.Id, operation, progress, cancellationToken).ConfigureAwait(false);
        }

        if (claim.State == ClaimState.Working || providers.Describe(claim.Provider).Simulated)
        {
            await paid.AbandonAsync(claim, claim.ReservationId, "the process making it stopped before the provider gave a job id; nothing was made", (_, _) => Task.CompletedTask).ConfigureAwait(false);
            return null;
        }

        throw new RuleViolationException(
            $"A training at {claim.Provider} was sent by a process that stopped before the provider gave a job id; it is not sent again. Check the provider's dashboard, then run `likeness doctor`.");
    }

    /// <summary>
    /// Asks the provider about a recorded training (<paramref name="ask"/>). When it cannot be asked (a 5xx or 429 from
    /// its status endpoint, a dropped connection, a cancel), that is no word on the training, which runs on: the held
    /// claim is released as it stands for the next follow (a re-run, a job's next firing, the doctor), never failed.
    /// </summary>
    private async Task<TrainingOperation> FollowAsync(ClaimTicket? claim, Func<Task<TrainingOperation>> ask)
    {
        try
        {
            return await ask().ConfigureAwait(false);
        }
        catch (Exception ex) when (claim is { IsHeld: true } held)
        {
            await paid.Claims.DeferAsync(held, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Gives up the claim on a recorded training without following it: the next advance, on any node, takes it at once.</summary>
    private async Task<IdentityModel> LeaveAsync(ClaimTicket claim, IdentityModel model)
    {
        await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
        return model;
    }

    private async Task<IdentityModel> FinishAsync(
        ClaimTicket? claim, Guid projectId, Guid modelId, TrainingOperation operation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingStatus status = TrainingStatus.Succeeded;
        try
        {
            await operation.WaitForCompletionAsync(PollInterval, time, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (TrainingFailedException failed)
        {
            // Recorded as failed and refunded (or charged what the provider billed) below; the caller reads the model's status.
            status = failed.TrainingStatus;
        }
        catch (Exception ex) when (claim is { } held)
        {
            // Stopped following (Ctrl+C, a network error, a 5xx or 429 from the status endpoint): not the provider's word on
            // the training, which runs on at the provider; whoever follows it next takes the claim at once.
            await paid.Claims.DeferAsync(held, ex).ConfigureAwait(false);
            throw;
        }

        var artifacts = new List<IdentityArtifact>();
        decimal cost = status == TrainingStatus.Succeeded ? 0 : operation.ChargedWithoutResultUsd;
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

        // The model's outcome, its charge or refund and the claim's completion land together.
        await using LikenessDbContext db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        IdentityModel model = await db.IdentityModels.SingleAsync(m => m.Id == modelId, cancellationToken).ConfigureAwait(false);
        if (status == TrainingStatus.Succeeded)
        {
            model.MarkReady(artifacts, cost, time);
        }
        else
        {
            model.MarkFailed(operation.FailureReason ?? status.ToString(), cost, time);
        }

        if (model.ReservationId is { } id)
        {
            // A failed or cancelled training the provider still billed is charged what it billed.
            await (status == TrainingStatus.Succeeded || cost > 0
                ? ledger.CommitAsync(db, projectId, id, cost, cancellationToken)
                : ledger.RefundAsync(db, projectId, id, cancellationToken)).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (claim is not null)
        {
            await (status == TrainingStatus.Succeeded
                ? paid.Claims.CompleteInAsync(db, claim, cancellationToken)
                : paid.Claims.FailInAsync(db, claim, model.FailureReason ?? status.ToString(), cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>
    /// For <c>likeness doctor</c>: settles a creation's claim taken over from a process that stopped, asking the
    /// provider once about a recorded job (collect and charge, or refund when it failed) and never starting one.
    /// Returns what it did, for people.
    /// </summary>
    internal async Task<string> SettleAsync(ClaimTicket claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.ProviderJobId is { } jobId && claim.SubjectId is { } id)
        {
            TrainingOperation operation = await FollowAsync(claim, () => providers.Require<IIdentityTrainer>(claim.Provider).ResumeTrainingAsync(jobId, cancellationToken)).ConfigureAwait(false);
            if (!operation.HasCompleted)
            {
                await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
                return $"still training at {claim.Provider} (job {jobId}); its reservation stays until it ends: run the doctor again later";
            }

            IdentityModel model = await FinishAsync(claim, claim.ProjectId, id, operation, null, cancellationToken).ConfigureAwait(false);
            return model.Status == IdentityModelStatus.Ready
                ? $"collected the finished training (job {jobId}) and charged ${model.CostUsd:F4}"
                : $"the provider says job {jobId} failed ({model.FailureReason}): refunded";
        }

        if (claim.ProviderJobId is { } orphan)
        {
            await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
            return $"job {orphan} was started but its identity was never saved: run the same `likeness identity create` again to collect it";
        }

        if (claim.State == ClaimState.Working || providers.Describe(claim.Provider).Simulated)
        {
            bool unsent = claim.State == ClaimState.Working;
            await paid.AbandonAsync(claim, claim.ReservationId, "the process making it stopped before the provider gave a job id; nothing was made", (_, _) => Task.CompletedTask).ConfigureAwait(false);
            return unsent ? "never sent (the process stopped before the request left): refunded" : "never got a job id (the process stopped first): refunded";
        }

        await paid.Claims.ReleaseAsync(claim).ConfigureAwait(false);
        return $"sent to {claim.Provider} by a process that stopped before it gave a job id: outcome unknown, left open (check the provider's dashboard)";
    }

    /// <summary>The references and training parameters a creation uses, as a short stable hash for its claim key.</summary>
    private static string Fingerprint(IReadOnlyList<ReferenceImage> references, Dictionary<string, string> parameters)
    {
        // A user's caption is part of what is trained, so a set with other captions is another training.
        string text = string.Join(",", references.Select(r => r.Caption is null ? r.AssetSha256 : $"{r.AssetSha256}#{r.Caption}").Order(StringComparer.Ordinal)) + "|"
            + string.Join(",", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private async Task<int> NextVersionAsync(Guid characterId, string provider, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var versions = await db.IdentityModels.Where(m => m.CharacterId == characterId && m.Provider == provider).Select(m => m.Version).ToListAsync(cancellationToken).ConfigureAwait(false);
        return versions.Count == 0 ? 1 : versions.Max() + 1;
    }
}
