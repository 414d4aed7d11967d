using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Deletion;

/// <summary>
/// Deletes shots, references, identity models and whole characters (a GDPR erasure) so that nothing is left behind:
/// the rows go in one transaction, with an audit row; the files no remaining row references are removed from the
/// asset store after the commit (an interrupted removal is finished by <see cref="AssetSweeper"/>, so no row ever
/// points at a missing file). Money is history: ledger lines stay, with their amounts and ids, and lose their
/// descriptions (they name characters). A delete is refused while money is held open for what it removes (a
/// reservation or claim not settled: <c>likeness doctor</c> settles it), while a reference is still used by an
/// identity model or a pin, and while an identity model trains, unless forced: a forced delete of a training
/// cancels it at its provider first and settles its reservation.
/// </summary>
public sealed class DeletionService(
    IDbContextFactory<LikenessDbContext> database, CharacterCatalog characters, ProviderRegistry providers, LedgerBook ledger, IAssetStore assets,
    AssetSweeper sweeper, TimeProvider time)
{
    /// <summary>What deleting <paramref name="kind"/> <paramref name="key"/> would remove (a character by name or id, anything else by id or unique id prefix).</summary>
    public async Task<DeletionPlan> PlanAsync(DeletionKind kind, string key, CancellationToken cancellationToken = default)
    {
        var (id, projectId) = await ResolveAsync(kind, key, cancellationToken).ConfigureAwait(false);
        await using LikenessDbContext db = database.CreateDbContext();
        DeletionScope scope = await DeletionScope.ReadAsync(db, kind, id, projectId, cancellationToken).ConfigureAwait(false);
        HashSet<string> files = await RemovableAsync(db, scope, cancellationToken).ConfigureAwait(false);
        return Plan(scope, files, await SizesAsync(files, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes <paramref name="kind"/> <paramref name="key"/> (a character by name or id, anything else by id or unique id prefix).</summary>
    public async Task<DeletionResult> DeleteAsync(DeletionKind kind, string key, DeleteOptions options, CancellationToken cancellationToken = default)
    {
        var (id, projectId) = await ResolveAsync(kind, key, cancellationToken).ConfigureAwait(false);
        return await DeleteAsync(kind, id, projectId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What deleting the character would remove.</summary>
    public Task<DeletionPlan> PlanCharacterAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        PlanAsync(DeletionKind.Character, nameOrId, cancellationToken);

    /// <summary>Deletes a character and everything it owns.</summary>
    public Task<DeletionResult> DeleteCharacterAsync(string nameOrId, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteAsync(DeletionKind.Character, nameOrId, options, cancellationToken);

    /// <summary>Deletes a shot (by id or unique id prefix) and its images no other row uses.</summary>
    public Task<DeletionResult> DeleteShotAsync(string idOrPrefix, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteAsync(DeletionKind.Shot, idOrPrefix, options, cancellationToken);

    /// <summary>Deletes a reference photo (by id or unique id prefix); refused while identity models or pins use it, unless forced.</summary>
    public Task<DeletionResult> DeleteReferenceAsync(string idOrPrefix, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteAsync(DeletionKind.Reference, idOrPrefix, options, cancellationToken);

    /// <summary>Deletes an identity model (by id or unique id prefix), its stored files and the shots made with it.</summary>
    public Task<DeletionResult> DeleteIdentityAsync(string idOrPrefix, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteAsync(DeletionKind.Identity, idOrPrefix, options, cancellationToken);

    private async Task<DeletionResult> DeleteAsync(DeletionKind kind, Guid subjectId, Guid projectId, DeleteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string actor = string.IsNullOrWhiteSpace(options.Actor) ? Environment.UserName : options.Actor.Trim();
        DeletionScope first;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            first = await DeletionScope.ReadAsync(db, kind, subjectId, projectId, cancellationToken).ConfigureAwait(false);
        }

        Refuse(first, options.Force);

        // Cancelled at the provider before the transaction: a network call never holds the database's write lock.
        Dictionary<Guid, decimal> cancelled = await CancelTrainingsAsync(first, cancellationToken).ConfigureAwait(false);
        Dictionary<string, long> sizes = await SizesAsync(first.Assets, cancellationToken).ConfigureAwait(false);

        DeletionRecord record;
        DeletionPlan plan;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            DeletionScope scope = await DeletionScope.ReadAsync(db, kind, subjectId, projectId, cancellationToken).ConfigureAwait(false);
            Refuse(scope, options.Force);
            decimal charged = await SettleCancelledAsync(db, scope, cancelled, cancellationToken).ConfigureAwait(false);
            await RemoveRowsAsync(db, scope, cancellationToken).ConfigureAwait(false);
            HashSet<string> files = [.. scope.Assets.Except(await AssetSweeper.ReferencedAsync(db, cancellationToken).ConfigureAwait(false))];
            plan = Plan(scope, files, sizes);
            record = DeletionRecord.Create(projectId, actor, kind, subjectId, options.Force, plan.Counts(), plan.Bytes, scope.CostUsd + charged, [.. files.Order(StringComparer.Ordinal)], time.GetUtcNow());
            db.Deletions.Add(record);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Committed: the files no row references go now; what cannot go now stays listed for the doctor.
        int removed = plan.Files == 0 ? 0 : await sweeper.RemoveListedAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
        return new DeletionResult(plan, Math.Max(0, plan.Files - removed));
    }

    /// <summary>Throws the refusal that applies, if any.</summary>
    private static void Refuse(DeletionScope scope, bool force)
    {
        if (!force && scope.Trainings.FirstOrDefault() is { } training)
        {
            throw new RuleViolationException(
                $"Identity model v{training.Version} at {training.Provider} is still training; deleting it needs force, which cancels the training at {training.Provider}.", DomainRules.TrainingRunning);
        }

        if (!force && scope.UsedBy.Count + (scope.Kind == DeletionKind.Reference ? scope.Pins.Count : 0) > 0)
        {
            throw new RuleViolationException(
                $"Reference {scope.SubjectId} is used by {scope.UsedBy.Count} identity model(s) and {scope.Pins.Count} pin(s); deleting it needs force, which also deletes those pins and their videos.", DomainRules.InUse);
        }

        // A forced delete settles its trainings' money itself; anything else held open is the doctor's to settle first.
        bool Forced(Guid? subject, Guid? reservation) =>
            force && scope.Trainings.Any(m => m.Id == subject || (reservation is not null && m.ReservationId == reservation));
        if (scope.Claims.FirstOrDefault(c => c.State is not (ClaimState.Done or ClaimState.Failed) && !Forced(c.SubjectId, c.ReservationId)) is { } unsettled)
        {
            throw new RuleViolationException(
                $"A paid call ({unsettled.Kind.ToString().ToLowerInvariant()} at {unsettled.Provider}) for what this deletes is {unsettled.State.ToString().ToLowerInvariant()}, not settled.", DomainRules.Unsettled);
        }

        if (scope.OpenReservations.Any(r => !Forced(null, r)))
        {
            throw new RuleViolationException("A reservation for what this deletes is still open.", DomainRules.Unsettled);
        }
    }

    /// <summary>Cancels each training in the scope at its provider (a forced delete); returns what each one's provider still charges.</summary>
    private async Task<Dictionary<Guid, decimal>> CancelTrainingsAsync(DeletionScope scope, CancellationToken cancellationToken)
    {
        var charged = new Dictionary<Guid, decimal>();
        foreach (IdentityModel model in scope.Trainings)
        {
            decimal charge = 0;
            if (model.ProviderJobId is { } job && providers.Get(model.Provider) is IIdentityTrainer trainer)
            {
                TrainingOperation operation = await trainer.ResumeTrainingAsync(job, cancellationToken).ConfigureAwait(false);
                if (!operation.HasCompleted)
                {
                    await operation.CancelAsync(cancellationToken).ConfigureAwait(false);
                }

                // A training that finished meanwhile was paid for in full; a cancelled one costs what its provider still bills.
                charge = operation.Status == TrainingStatus.Succeeded ? operation.Value.CostUsd : operation.ChargedWithoutResultUsd;
            }

            charged[model.Id] = charge;
        }

        return charged;
    }

    /// <summary>Closes the reservations of the cancelled trainings (charged what their provider bills, else refunded); returns the charges.</summary>
    private async Task<decimal> SettleCancelledAsync(LikenessDbContext db, DeletionScope scope, Dictionary<Guid, decimal> cancelled, CancellationToken cancellationToken)
    {
        decimal total = 0;
        foreach (IdentityModel model in scope.Identities.Where(m => cancelled.ContainsKey(m.Id)))
        {
            Guid? reservation = model.ReservationId ?? scope.Claims.FirstOrDefault(c => c.SubjectId == model.Id)?.ReservationId;
            if (reservation is { } id && scope.OpenReservations.Contains(id))
            {
                decimal charge = cancelled[model.Id];
                await (charge > 0 ? ledger.CommitAsync(db, scope.ProjectId, id, charge, cancellationToken) : ledger.RefundAsync(db, scope.ProjectId, id, cancellationToken)).ConfigureAwait(false);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                total += charge;
            }
        }

        return total;
    }

    /// <summary>Removes the scope's rows and claims, and the descriptions (names, prompts) of the ledger lines that paid for them.</summary>
    private static async Task RemoveRowsAsync(LikenessDbContext db, DeletionScope scope, CancellationToken ct)
    {
        List<Guid> reservations = scope.Reservations;
        string description = $"{scope.Kind.ToString().ToLowerInvariant()} deleted";
        await db.Ledger.Where(e => reservations.Contains(e.ReservationId)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Description, description), ct).ConfigureAwait(false);

        List<Guid> videos = [.. scope.Videos.Select(v => v.Id)], pins = [.. scope.Pins.Select(p => p.Id)], shots = [.. scope.Shots.Select(s => s.Id)];
        List<Guid> claims = [.. scope.Claims.Select(c => c.Id)], identities = [.. scope.Identities.Select(m => m.Id)];
        List<Guid> references = [.. scope.References.Select(r => r.Id)], characterIds = scope.Characters;
        await db.Videos.Where(v => videos.Contains(v.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.Pins.Where(p => pins.Contains(p.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.Shots.Where(s => shots.Contains(s.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.Claims.Where(c => claims.Contains(c.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.IdentityModels.Where(m => identities.Contains(m.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.References.Where(r => references.Contains(r.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.Characters.Where(c => characterIds.Contains(c.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The scope's files that no row outside it references.</summary>
    private static async Task<HashSet<string>> RemovableAsync(LikenessDbContext db, DeletionScope scope, CancellationToken ct) =>
        [.. scope.Assets.Except(await AssetSweeper.ReferencedAsync(db, ct, [.. scope.RowIds]).ConfigureAwait(false))];

    private async Task<Dictionary<string, long>> SizesAsync(HashSet<string> files, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (files.Count > 0)
        {
            await foreach (StoredAsset asset in assets.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (files.Contains(asset.Sha256))
                {
                    sizes[asset.Sha256] = asset.SizeBytes;
                }
            }
        }

        return sizes;
    }

    private static DeletionPlan Plan(DeletionScope scope, HashSet<string> files, Dictionary<string, long> sizes) => new(
        scope.Kind, scope.SubjectId, scope.References.Count, scope.Identities.Count, scope.Shots.Count, scope.Pins.Count, scope.Videos.Count,
        scope.Claims.Count, files.Count, files.Sum(f => sizes.GetValueOrDefault(f)));

    /// <summary>The subject's id and project.</summary>
    private async Task<(Guid Id, Guid ProjectId)> ResolveAsync(DeletionKind kind, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (kind == DeletionKind.Character)
        {
            Character character = await characters.GetAsync(key, cancellationToken).ConfigureAwait(false);
            return (character.Id, character.ProjectId);
        }

        List<Owned> all;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            all = await (kind switch
            {
                DeletionKind.Shot => db.Shots.Select(s => new Owned(s.Id, s.CharacterId)),
                DeletionKind.Reference => db.References.Select(r => new Owned(r.Id, r.CharacterId)),
                _ => db.IdentityModels.Select(m => new Owned(m.Id, m.CharacterId)),
            }).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        EntityKind entity = kind switch { DeletionKind.Shot => EntityKind.Shot, DeletionKind.Reference => EntityKind.Reference, _ => EntityKind.Identity };
        Owned found = IdPrefix.Unique(all, o => o.Id, key, entity, null)
            ?? throw new NotFoundException(entity, key, $"No {entity.ToString().ToLowerInvariant()} '{key.Trim()}'.");
        return (found.Id, (await characters.GetAsync(found.CharacterId.ToString(), cancellationToken).ConfigureAwait(false)).ProjectId);
    }

    private sealed record Owned(Guid Id, Guid CharacterId);
}
