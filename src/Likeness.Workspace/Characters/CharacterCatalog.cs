using Microsoft.Extensions.Options;
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
public sealed class CharacterCatalog(IDbContextFactory<LikenessDbContext> database, IAssetStore assets, FaceEngineSource faces, TimeProvider time, IOptions<WorkspaceOptions> options)
{
    /// <summary>Creates a character in the default project; the trigger token is generated when not given.</summary>
    public async Task<Character> CreateAsync(
        string name, string? description, CharacterProfile? profile, string? triggerToken = null, CancellationToken cancellationToken = default)
    {
        Guid projectId;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            projectId = await db.Projects.Where(p => p.Name == Project.DefaultName).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        }

        return await CreateAsync(projectId, name, description, profile, triggerToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a character in <paramref name="projectId"/>; the trigger token is generated when not given.</summary>
    public async Task<Character> CreateAsync(
        Guid projectId, string name, string? description, CharacterProfile? profile, string? triggerToken = null, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Project project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Project, projectId.ToString(), "No such project.");
        string trimmed = name?.Trim() ?? string.Empty;
        await EnsureNameFreeAsync(db, project.Id, trimmed, null, cancellationToken).ConfigureAwait(false);

        var taken = (await db.Characters.Select(c => c.TriggerToken).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        string token = triggerToken ?? TriggerToken.Generate(trimmed.Length > 0 ? trimmed : "x", taken);
        if (taken.Contains(token))
        {
            throw new ConflictException(EntityKind.TriggerToken, token, $"Trigger token '{token}' is already used by another character.");
        }

        Character character = Character.Create(project.Id, trimmed, description, profile, token, time);
        db.Characters.Add(character);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process created the same name between the check above and this insert; the unique key stopped it.
            if (await NameTakenAsync(project.Id, character.NameKey!, cancellationToken).ConfigureAwait(false))
            {
                throw new ConflictException(EntityKind.Character, trimmed, $"A character named '{trimmed}' was just created by someone else.");
            }

            throw;
        }

        return character;
    }

    /// <summary>
    /// Renames the character named <paramref name="nameOrId"/>; a name that another character of the project
    /// already has (ignoring case, spacing and Unicode form) is a conflict. Its id, trigger token, references,
    /// identities, shots and ledger entries stay as they are.
    /// </summary>
    public async Task<Character> RenameAsync(string nameOrId, string newName, CancellationToken cancellationToken = default) =>
        await RenameAsync(await GetAsync(nameOrId, cancellationToken).ConfigureAwait(false), newName, cancellationToken).ConfigureAwait(false);

    /// <summary>Renames the character <paramref name="nameOrId"/> of <paramref name="projectId"/> (see <see cref="RenameAsync(string, string, CancellationToken)"/>).</summary>
    public async Task<Character> RenameAsync(Guid projectId, string nameOrId, string newName, CancellationToken cancellationToken = default) =>
        await RenameAsync(await GetAsync(projectId, nameOrId, cancellationToken).ConfigureAwait(false), newName, cancellationToken).ConfigureAwait(false);

    /// <summary>Replaces the profile of the character <paramref name="nameOrId"/> of <paramref name="projectId"/>.</summary>
    public async Task<Character> UpdateProfileAsync(Guid projectId, string nameOrId, CharacterProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Character found = await GetAsync(projectId, nameOrId, cancellationToken).ConfigureAwait(false);
        await using LikenessDbContext db = database.CreateDbContext();
        Character character = await db.Characters.SingleAsync(c => c.Id == found.Id, cancellationToken).ConfigureAwait(false);
        character.UpdateProfile(profile);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return character;
    }

    private async Task<Character> RenameAsync(Character found, string newName, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Character character = await db.Characters.SingleAsync(c => c.Id == found.Id, cancellationToken).ConfigureAwait(false);
        string trimmed = newName?.Trim() ?? string.Empty;
        await EnsureNameFreeAsync(db, character.ProjectId, trimmed, character.Id, cancellationToken).ConfigureAwait(false);
        character.Rename(trimmed);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process took the name between the check and this update; the unique key stopped it.
            throw new ConflictException(EntityKind.Character, trimmed, $"A character named '{trimmed}' was just created by someone else.");
        }

        return character;
    }

    /// <summary>All characters, by name.</summary>
    public Task<IReadOnlyList<Character>> ListAsync(CancellationToken cancellationToken = default) => ListAsync(null, cancellationToken);

    /// <summary>The characters of <paramref name="projectId"/>, by name.</summary>
    public async Task<IReadOnlyList<Character>> ListAsync(Guid? projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await InProject(db, projectId).ToListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The character with this name (case-insensitive) or id, or a clear error.</summary>
    public Task<Character> GetAsync(string nameOrId, CancellationToken cancellationToken = default) => FindAsync(null, nameOrId, cancellationToken);

    /// <summary>
    /// The character of <paramref name="projectId"/> with this name or id; one of another project is not found, as if it
    /// did not exist.
    /// </summary>
    public Task<Character> GetAsync(Guid projectId, string nameOrId, CancellationToken cancellationToken = default) => FindAsync(projectId, nameOrId, cancellationToken);

    private static IQueryable<Character> InProject(LikenessDbContext db, Guid? projectId) =>
        projectId is { } id ? db.Characters.AsNoTracking().Where(c => c.ProjectId == id) : db.Characters.AsNoTracking();

    private async Task<Character> FindAsync(Guid? projectId, string nameOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        await using LikenessDbContext db = database.CreateDbContext();
        var all = await InProject(db, projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(nameOrId, out Guid id) && all.FirstOrDefault(c => c.Id == id) is { } byId)
        {
            return byId;
        }

        // Names made before they were compared by key can collide; the exact spelling picks one, anything else is ambiguous.
        string wanted = nameOrId.Trim();
        List<Character> matches = [.. all.Where(c => CharacterName.Same(c.Name, wanted))];
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new NotFoundException(EntityKind.Character, nameOrId, $"No character named '{nameOrId}'."),
            _ => matches.FirstOrDefault(c => c.Name == wanted) ?? throw new ConflictException(EntityKind.Character, wanted,
                $"'{wanted}' matches {matches.Count} characters ({string.Join(", ", matches.Select(c => $"'{c.Name}' {c.Id}"))}); name one by its exact spelling or id."),
        };
    }

    private static async Task EnsureNameFreeAsync(LikenessDbContext db, Guid projectId, string name, Guid? except, CancellationToken cancellationToken)
    {
        var others = await db.Characters.Where(c => c.ProjectId == projectId && c.Id != except).Select(c => c.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (others.FirstOrDefault(n => CharacterName.Same(n, name)) is { } existing)
        {
            throw new ConflictException(EntityKind.Character, name, existing == name
                ? $"A character named '{name}' already exists."
                : $"A character named '{existing}' already exists; names that differ only in case, spacing or Unicode form name the same character.");
        }
    }

    private async Task<bool> NameTakenAsync(Guid projectId, string nameKey, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Characters.AnyAsync(c => c.ProjectId == projectId && c.NameKey == nameKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The character's references, oldest first.</summary>
    public async Task<IReadOnlyList<ReferenceImage>> ReferencesAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.References.AsNoTracking().Where(r => r.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(r => r.AddedAt).ToList();
    }

    /// <summary>
    /// Sets (or, with null or blank text, clears) the user's caption of <paramref name="character"/>'s reference
    /// <paramref name="reference"/>: its id, or its file name when that names exactly one. A training then sends that
    /// caption with the image instead of the written one, and <c>character lint</c> checks it.
    /// </summary>
    /// <exception cref="NotFoundException">The character has no such reference.</exception>
    public async Task<ReferenceImage> SetCaptionAsync(Character character, string reference, string? caption, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(reference);
        await using LikenessDbContext db = database.CreateDbContext();
        List<ReferenceImage> theirs = await db.References.Where(r => r.CharacterId == character.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<ReferenceImage> named = Guid.TryParse(reference, out Guid id)
            ? [.. theirs.Where(r => r.Id == id)]
            : [.. theirs.Where(r => r.FileName.Equals(reference.Trim(), StringComparison.OrdinalIgnoreCase))];
        if (named.Count != 1)
        {
            throw new NotFoundException(
                EntityKind.Reference, reference,
                named.Count == 0 ? $"{character.Name} has no reference '{reference}'." : $"{character.Name} has {named.Count} references named '{reference}'; give its id.");
        }

        named[0].SetCaption(caption);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return named[0];
    }

    /// <summary>Tags reference <paramref name="referenceId"/> of <paramref name="characterId"/> with <paramref name="role"/>; another character's reference is not found.</summary>
    public async Task<ReferenceImage> SetReferenceRoleAsync(Guid characterId, Guid referenceId, ReferenceRole role, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        ReferenceImage reference = await db.References.SingleOrDefaultAsync(r => r.Id == referenceId && r.CharacterId == characterId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Reference, referenceId.ToString(), "No such reference of this character.");
        reference.SetRole(role);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return reference;
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
        ReferenceCheckReport report = await CheckReferencesAsync(character.Id, candidates, cancellationToken).ConfigureAwait(false);
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
                item.Candidate.Role, item.Fingerprint, item.Analysis, time, item.Candidate.Provenance));
        }

        await using LikenessDbContext db = database.CreateDbContext();
        db.References.AddRange(added);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (report, added);
    }

    /// <summary>
    /// What <see cref="AddReferencesAsync"/> would find, without storing anything: for a character that does not exist
    /// yet (<paramref name="characterId"/> null), so an import can refuse a member before it creates an empty character.
    /// </summary>
    public async Task<ReferenceCheckReport> CheckReferencesAsync(Guid? characterId, IReadOnlyList<ReferenceCandidate> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Guid id = characterId ?? Guid.Empty;
        IReadOnlyList<ReferenceImage> existing = characterId is null ? [] : await ReferencesAsync(id, cancellationToken).ConfigureAwait(false);
        var checker = new ReferenceChecker(options.Value.ReferenceRules, faces.Engine);
        return checker.Check(candidates, existing, await OtherCharactersReferencesAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>
    /// Every other character's references in the same project (the four columns the check compares), for its "already a
    /// reference of" warning; another project's characters are never named.
    /// </summary>
    private async Task<IReadOnlyList<OtherCharacterReference>> OtherCharactersReferencesAsync(Guid characterId, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Guid? projectId = await db.Characters.Where(c => c.Id == characterId).Select(c => (Guid?)c.ProjectId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? await db.Projects.Where(p => p.Name == Project.DefaultName).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return await db.References.AsNoTracking().Where(r => r.CharacterId != characterId)
            .Join(db.Characters.Where(c => c.ProjectId == projectId), r => r.CharacterId, c => c.Id, (r, c) => new OtherCharacterReference(c.Name, r.FileName, r.AssetSha256, r.Fingerprint))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
