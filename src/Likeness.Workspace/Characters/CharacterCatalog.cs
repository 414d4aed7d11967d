using Likeness.Workspace.Faces;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Projects;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Characters;

/// <summary>Creates and finds characters, and adds checked reference photos to them.</summary>
public sealed class CharacterCatalog(IDbContextFactory<LikenessDbContext> database, IAssetStore assets, FaceEngineSource faces, TimeProvider time)
{
    /// <summary>Creates a character in the default project; the trigger token is generated when not given.</summary>
    public async Task<Character> CreateAsync(
        string name, string? description, CharacterProfile? profile, string? triggerToken = null, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Project project = await db.Projects.SingleAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false);
        string trimmed = name?.Trim() ?? string.Empty;
        if (await db.Characters.AnyAsync(c => c.ProjectId == project.Id && c.Name == trimmed, cancellationToken).ConfigureAwait(false))
        {
            throw new RuleViolationException($"A character named '{trimmed}' already exists.");
        }

        var taken = (await db.Characters.Select(c => c.TriggerToken).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        string token = triggerToken ?? TriggerToken.Generate(trimmed.Length > 0 ? trimmed : "x", taken);
        if (taken.Contains(token))
        {
            throw new RuleViolationException($"Trigger token '{token}' is already used by another character.");
        }

        Character character = Character.Create(project.Id, trimmed, description, profile, token, time);
        db.Characters.Add(character);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return character;
    }

    /// <summary>All characters, by name.</summary>
    public async Task<IReadOnlyList<Character>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.Characters.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The character with this name (case-insensitive) or id, or a clear error.</summary>
    public async Task<Character> GetAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        await using LikenessDbContext db = database.CreateDbContext();
        var all = await db.Characters.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Name.Equals(nameOrId.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? (Guid.TryParse(nameOrId, out Guid id) ? all.FirstOrDefault(c => c.Id == id) : null)
            ?? throw new RuleViolationException($"No character named '{nameOrId}'. Create it with: likeness character create \"{nameOrId}\"");
    }

    /// <summary>The character's references, oldest first.</summary>
    public async Task<IReadOnlyList<ReferenceImage>> ReferencesAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.References.AsNoTracking().Where(r => r.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(r => r.AddedAt).ToList();
    }

    /// <summary>The references' bytes from the asset store, as providers take them.</summary>
    public async Task<IReadOnlyList<ReferencePhoto>> PhotosAsync(IEnumerable<ReferenceImage> references, CancellationToken cancellationToken = default)
    {
        var photos = new List<ReferencePhoto>();
        foreach (ReferenceImage r in references)
        {
            byte[] bytes = await assets.ReadAllBytesAsync(r.AssetSha256, cancellationToken).ConfigureAwait(false);
            photos.Add(new ReferencePhoto(r.AssetSha256, bytes, "image/" + r.Format, r.Role));
        }

        return photos;
    }

    /// <summary>
    /// Checks <paramref name="candidates"/> with the reference rules; when nothing is an error, stores the
    /// files and records them (one transaction). With errors nothing is stored, and the report says why.
    /// </summary>
    public async Task<(ReferenceCheckReport Report, IReadOnlyList<ReferenceImage> Added)> AddReferencesAsync(
        Character character, IReadOnlyList<ReferenceCandidate> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<ReferenceImage> existing = await ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        var checker = new ReferenceChecker(ReferenceRules.Default, faces.Engine);
        ReferenceCheckReport report = checker.Check(candidates, existing, await OtherCharactersReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false), cancellationToken);
        if (!report.Passed)
        {
            return (report, []);
        }

        var added = new List<ReferenceImage>();
        foreach (CheckedReference item in report.Accepted)
        {
            // Assets first: a crash after this point leaves an unreferenced file, never a row without its file.
            AssetRef asset = await assets.PutAsync(item.Candidate.Bytes, "image/" + item.Format, cancellationToken).ConfigureAwait(false);
            added.Add(ReferenceImage.Create(
                character.Id, asset.Sha256, item.Candidate.FileName, item.Format, item.Width, item.Height, asset.SizeBytes,
                item.Candidate.Role, item.Fingerprint, item.Analysis, time));
        }

        await using LikenessDbContext db = database.CreateDbContext();
        db.References.AddRange(added);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (report, added);
    }

    /// <summary>Every other character's references (the four columns the check compares), for its "already a reference of" warning.</summary>
    private async Task<IReadOnlyList<OtherCharacterReference>> OtherCharactersReferencesAsync(Guid characterId, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.References.AsNoTracking().Where(r => r.CharacterId != characterId)
            .Join(db.Characters, r => r.CharacterId, c => c.Id, (r, c) => new OtherCharacterReference(c.Name, r.FileName, r.AssetSha256, r.Fingerprint))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
