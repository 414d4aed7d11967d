using Likeness.Workspace.Characters;
using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Likeness.Core.References;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Pins;

/// <summary>
/// Pins characters for video: a frontal reference plus one to three more, named by the user (id, unique id
/// prefix or file name) or picked by <see cref="PinSelection"/>.
/// </summary>
public sealed class PinBook(IDbContextFactory<LikenessDbContext> database, CharacterCatalog characters, TimeProvider time)
{
    /// <summary>Shortest id prefix accepted, so a prefix is a deliberate choice rather than a stray letter.</summary>
    public const int MinPrefixLength = IdPrefix.MinLength;

    /// <summary>
    /// Pins <paramref name="character"/>: <paramref name="frontal"/> (default: its frontal-role reference) and
    /// <paramref name="references"/> (default: up to three others by role variety).
    /// </summary>
    public async Task<Pin> CreateAsync(Character character, string? frontal = null, IReadOnlyList<string>? references = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<ReferenceImage> all = await characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            throw new RuleViolationException($"{character.Name} has no references to pin.", DomainRules.ReferencesRequired) { Character = character.Name };
        }

        ReferenceImage front = frontal is null ? PinSelection.Frontal(all) : Resolve(all, frontal, character.Name);
        IReadOnlyList<ReferenceImage> others = references is null || references.Count == 0
            ? PinSelection.Others(all, front)
            : [.. references.Select(r => Resolve(all, r, character.Name))];
        Pin pin = Pin.Create(character.Id, front.Id, [.. others.Select(r => r.Id)], time);
        await using LikenessDbContext db = database.CreateDbContext();
        db.Pins.Add(pin);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return pin;
    }

    /// <summary>
    /// The character's default pin (its frontal-role reference and up to three others by role variety, as
    /// <see cref="CreateAsync"/> picks them): an existing pin with exactly those references, else a new one. A study
    /// asks for it on every run, so its videos (claimed per pin) are made once and reused.
    /// </summary>
    public async Task<Pin> EnsureDefaultAsync(Character character, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<ReferenceImage> all = await characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        if (all.Count > 0)
        {
            ReferenceImage front = PinSelection.Frontal(all);
            Guid[] others = [.. PinSelection.Others(all, front).Select(r => r.Id).Order()];
            Pin? existing = (await ListAsync(character.Id, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(p => p.FrontalReferenceId == front.Id && p.ReferenceIds.Order().SequenceEqual(others));
            if (existing is not null)
            {
                return existing;
            }
        }

        return await CreateAsync(character, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The character's pins, oldest first.</summary>
    public async Task<IReadOnlyList<Pin>> ListAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.Pins.AsNoTracking().Where(p => p.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(p => p.CreatedAt).ToList();
    }

    /// <summary>The pin with this id or unique id prefix, or a clear error.</summary>
    public async Task<Pin> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        await using LikenessDbContext db = database.CreateDbContext();
        List<Pin> pins = await db.Pins.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return IdPrefix.Unique(pins, p => p.Id, idOrPrefix, EntityKind.Pin, null)
            ?? throw new NotFoundException(EntityKind.Pin, idOrPrefix, $"No pin '{idOrPrefix}'.");
    }

    private static ReferenceImage Resolve(IReadOnlyList<ReferenceImage> references, string token, string character) =>
        references.FirstOrDefault(r => r.FileName.Equals(token.Trim(), StringComparison.OrdinalIgnoreCase)) is { } byName
            ? byName
            : IdPrefix.Unique(references, r => r.Id, token, EntityKind.Reference, character)
                ?? throw new NotFoundException(EntityKind.Reference, token, $"{character} has no reference '{token}' (give an id, a unique id prefix or a file name).") { Character = character };
}
