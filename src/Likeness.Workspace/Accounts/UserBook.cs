using Likeness.Core;
using Likeness.Core.Accounts;
using Likeness.Workspace.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Accounts;

/// <summary>
/// Users and their passwords: stored as ASP.NET Core Identity's salted, iterated hashes
/// (<see cref="PasswordHasher{TUser}"/>); a password is never stored, logged or returned.
/// </summary>
public sealed class UserBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    private readonly PasswordHasher<User> _hasher = new();

    /// <summary>Creates a user; <paramref name="password"/> null makes a user who signs in only with tokens.</summary>
    public async Task<User> CreateAsync(string name, string? password, bool isAdministrator, CancellationToken cancellationToken = default)
    {
        User user = User.Create(name, isAdministrator, time);
        if (password is not null)
        {
            user.SetPasswordHash(Hash(user, password));
        }

        await using LikenessDbContext db = database.CreateDbContext();
        if (await db.Users.AnyAsync(u => u.NameKey == user.NameKey, cancellationToken).ConfigureAwait(false))
        {
            throw new ConflictException(EntityKind.User, user.Name, $"A user named '{user.Name}' already exists.");
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another request took the name between the check and the insert; the unique key stopped it.
            throw new ConflictException(EntityKind.User, user.Name, $"A user named '{user.Name}' was just created by someone else.");
        }

        return user;
    }

    /// <summary>The user with this name and password, or null (the same null for an unknown name and a wrong password).</summary>
    public async Task<User?> VerifyPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        string key = User.KeyOf(name);
        await using LikenessDbContext db = database.CreateDbContext();
        User? user = await db.Users.SingleOrDefaultAsync(u => u.NameKey == key, cancellationToken).ConfigureAwait(false);
        if (user?.PasswordHash is null || string.IsNullOrEmpty(password))
        {
            return null;
        }

        switch (_hasher.VerifyHashedPassword(user, user.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return user;
            case PasswordVerificationResult.SuccessRehashNeeded:
                user.SetPasswordHash(_hasher.HashPassword(user, password));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return user;
            default:
                return null;
        }
    }

    /// <summary>Sets (or replaces) a user's password.</summary>
    public async Task SetPasswordAsync(Guid userId, string password, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        User user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.User, userId.ToString(), "No such user.");
        user.SetPasswordHash(Hash(user, password));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user with this id, or a not-found error.</summary>
    public async Task<User> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.User, id.ToString(), "No such user.");
    }

    /// <summary>The user with this name (any case), or a not-found error.</summary>
    public async Task<User> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        string key = User.KeyOf(name);
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NameKey == key, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.User, name, $"No user named '{name}'.");
    }

    /// <summary>Every user, by name.</summary>
    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Users.AsNoTracking().OrderBy(u => u.NameKey).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether any user exists (a fresh home has none until the first owner is made).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Hash(User user, string password)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new InvalidInputException($"A password has at least {MinPasswordLength} characters.", "password");
        }

        return _hasher.HashPassword(user, password);
    }
}
