using Likeness.Core;
using Likeness.Core.Identity;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Identity;

/// <summary>
/// A person's say over which version of a character's identity is in use at a provider (<see cref="VersionChoice"/>):
/// choose one, roll back to the version before the one in use, archive one. Behind both the CLI's <c>identity
/// use|rollback|archive</c> and the server's identity routes. Every model is looked up within its character.
/// </summary>
public sealed class IdentityVersions(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Puts ready version <paramref name="id"/> of <paramref name="characterId"/> in use at its provider.</summary>
    public async Task<IdentityModel> ChooseAsync(Guid characterId, Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        IdentityModel model = await FindAsync(db, characterId, id, cancellationToken).ConfigureAwait(false);
        model.Choose(time);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>
    /// Puts the ready version before the one in use at <paramref name="provider"/> in use (the highest version number
    /// below it); refused when there is none.
    /// </summary>
    public async Task<IdentityModel> RollBackAsync(Guid characterId, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        await using LikenessDbContext db = database.CreateDbContext();
        List<IdentityModel> models = [.. (await db.IdentityModels.Where(m => m.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(m => m.Provider.Equals(provider.Trim(), StringComparison.OrdinalIgnoreCase))];
        IdentityModel current = VersionChoice.InUse(models)
            ?? throw new RuleViolationException($"No version is in use at {provider}: there is nothing to roll back from.", DomainRules.IdentityNotReady);
        IdentityModel previous = models.Where(m => m.Status == IdentityModelStatus.Ready && m.Version < current.Version).MaxBy(m => m.Version)
            ?? throw new RuleViolationException($"v{current.Version} is the earliest ready version at {provider}: there is none to roll back to.", DomainRules.IdentityNotReady);
        previous.Choose(time);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return previous;
    }

    /// <summary>
    /// Archives version <paramref name="id"/> (ready or failed): it stays for its history and lineage and is never in
    /// use again; the automatic choice (or an earlier person's choice) takes over at its provider.
    /// </summary>
    public async Task<IdentityModel> ArchiveAsync(Guid characterId, Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        IdentityModel model = await FindAsync(db, characterId, id, cancellationToken).ConfigureAwait(false);
        model.Archive();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    private static async Task<IdentityModel> FindAsync(LikenessDbContext db, Guid characterId, Guid id, CancellationToken cancellationToken) =>
        await db.IdentityModels.SingleOrDefaultAsync(m => m.Id == id && m.CharacterId == characterId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Identity, id.ToString(), $"No identity model {id} of this character.");
}
